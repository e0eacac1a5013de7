{#- Great-circle distance in kilometres; null when a coordinate is missing. -#}
{% macro haversine_km(lat_a, lon_a, lat_b, lon_b) -%}
    (2 * 6371.0 * asin(sqrt(
        pow(sin(radians({{ lat_b }} - {{ lat_a }}) / 2), 2)
        + cos(radians({{ lat_a }})) * cos(radians({{ lat_b }}))
        * pow(sin(radians({{ lon_b }} - {{ lon_a }}) / 2), 2)
    )))
{%- endmacro %}

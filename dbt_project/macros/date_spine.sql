{#- Every day from start_date to end_date inclusive (both SQL date expressions), with
    DuckDB's range(): no dbt packages needed (the hub is not reachable from CI). -#}
{% macro date_spine(start_date, end_date) -%}
    select cast(spine.generate_series as date) as date_day
    from generate_series(
        cast({{ start_date }} as timestamp), cast({{ end_date }} as timestamp), interval 1 day
    ) as spine
{%- endmacro %}

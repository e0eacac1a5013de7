{#- An ISO date or datetime string as a UTC timestamp without zone. A date alone is
    midnight; a datetime with an offset is converted to UTC; a datetime without one is
    taken as UTC already (the contract allows all three for published_at). -#}
{% macro utc_timestamp(expression) -%}
    case
        when {{ expression }} is null then null
        when length({{ expression }}) = 10 then cast(cast({{ expression }} as date) as timestamp)
        when regexp_matches({{ expression }}, '(Z|[+-][0-9]{2}:?[0-9]{2})$')
            then timezone('UTC', cast({{ expression }} as timestamptz))
        else cast({{ expression }} as timestamp)
    end
{%- endmacro %}

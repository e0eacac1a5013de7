{#- Custom schemas are used as given (staging, intermediate, reference), not prefixed with
    the target schema: analysts query main.fct_strikes, staging.stg_..., reference.regions. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}

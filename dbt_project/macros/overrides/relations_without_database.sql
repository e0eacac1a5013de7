{#- ref() and source() without the database (catalog) part. dbt-duckdb names relations
    "<file stem>"."schema"."table", and a view stores that text: the warehouse is built in a
    working copy (.warehouse.duckdb.work) and published under another name, where a view
    naming the working copy's catalog would no longer resolve. Schema-qualified names
    resolve in whichever file opens them. -#}
{% macro ref() %}
    {%- set relation = builtins.ref(*varargs, **kwargs) -%}
    {%- if relation is not none and relation.include is defined -%}
        {%- do return(relation.include(database=False)) -%}
    {%- endif -%}
    {%- do return(relation) -%}
{% endmacro %}

{% macro source(source_name, table_name) %}
    {%- set relation = builtins.source(source_name, table_name) -%}
    {%- do return(relation.include(database=False)) -%}
{% endmacro %}

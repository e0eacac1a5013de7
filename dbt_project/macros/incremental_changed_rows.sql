{#- Incremental strategy `changed_rows`: the model is computed whole, but only the rows that
    differ from the stored table are written.

    For marts and intermediates whose result is cheap to compute but dear to write: a mart's
    primary key is an index that DuckDB builds row by row on every full write, which costs more
    than the query behind it. Joining the new result to the stored one on the key and comparing
    every column (`is distinct from`: two NULLs are equal) finds the rows that are new or
    changed; keys no longer in the result are deleted. (`except all` finds the same rows several
    times slower: it numbers every row's duplicates.) The table stays exactly what a full build
    writes, whatever changed upstream (new or replaced records, a seed, a global rule such as
    strike matching), so no change needs a full refresh except a change of the model's columns
    (on_schema_change='fail').

    Use: config(materialized='incremental', incremental_strategy='changed_rows',
    unique_key='claim_id', on_schema_change='fail'). The key must be the model's primary key
    (unique, not null). -#}

{% macro get_incremental_changed_rows_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set unique_key = arg_dict['unique_key'] -%}
    {%- if not unique_key -%}
        {% do exceptions.raise_compiler_error("incremental_strategy 'changed_rows' needs a unique_key") %}
    {%- endif -%}
    {%- set key_columns = [unique_key] if unique_key is string else unique_key -%}
    {%- set columns = arg_dict['dest_columns'] | map(attribute='quoted') | list -%}
    {%- set changed = source.identifier ~ '__changed' -%}

    create or replace temporary table {{ changed }} as
    select
        {%- for column in columns %}
        new_rows.{{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ source }} as new_rows
    left join {{ target }} as stored_rows
        on
        {%- for key in key_columns %}
            {{ 'and ' if not loop.first }}new_rows.{{ key }} = stored_rows.{{ key }}
        {%- endfor %}
    where
        stored_rows.{{ key_columns[0] }} is null
        {%- for column in columns %}
        or new_rows.{{ column }} is distinct from stored_rows.{{ column }}
        {%- endfor %};

    delete from {{ target }} as stored_rows
    where
        not exists (
            select 1 from {{ source }} as new_rows
            where
            {%- for key in key_columns %}
                {{ 'and ' if not loop.first }}new_rows.{{ key }} = stored_rows.{{ key }}
            {%- endfor %}
        )
        or exists (
            select 1 from {{ changed }} as changed_rows
            where
            {%- for key in key_columns %}
                {{ 'and ' if not loop.first }}changed_rows.{{ key }} = stored_rows.{{ key }}
            {%- endfor %}
        );

    insert into {{ target }} ({{ columns | join(', ') }})
    select {{ columns | join(', ') }} from {{ changed }};

    drop table {{ changed }}
{%- endmacro %}

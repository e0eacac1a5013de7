{#- Incremental by changed row: the model is computed whole, but only the rows that differ from
    the stored table are written.

    For tables whose result is cheap to compute but dear to write (writing a million wide rows
    to disk costs several times the query; a mart's primary key is an index built row by row) and that depend on global rules (strike
    matching, place resolution), so that any row may change. Each new row is compared with the
    stored rows by a hash of all its columns (its key among them), cast to the stored types;
    only rows whose hash no stored row has are materialised and handed to `delete+insert`, which
    replaces the stored rows of those keys. Keys no longer in the result are deleted by the
    pre-hook. The table stays exactly what a full build writes, whatever changed upstream (new
    or replaced records, a seed, a global rule), so no change needs a full refresh except a
    change of the model's columns (on_schema_change='fail'); two different rows hashing alike
    (odds 2^-64 a row) would keep the stored one.

    Use:
        config(materialized='incremental', incremental_strategy='delete+insert',
               unique_key='claim_id', on_schema_change='fail',
               pre_hook="{{ delete_vanished_rows('claim_id', ref('...')) }}")
        ...
        select * from final_cte
        {{ where_row_changed('final_cte') }}
    The key must be the model's primary key (unique, not null). -#}

{#- Pre-hook: delete the stored rows whose key (a column or a list of columns) is not in
    `current_keys` (a relation holding every key the result has). -#}
{% macro delete_vanished_rows(key, current_keys) -%}
    {% if is_incremental() -%}
        {%- set key_columns = [key] if key is string else key -%}
        delete from {{ this }} as stored_rows
        where not exists (
            select 1 from {{ current_keys }} as current_rows
            where
            {%- for column in key_columns %}
                {{ 'and ' if not loop.first }}current_rows.{{ column }} = stored_rows.{{ column }}
            {%- endfor %}
        )
    {%- endif %}
{%- endmacro %}

{#- The rows of `rows` (a CTE of the model) that are new or differ from the stored ones. A
    row's hash covers its key, so one uncorrelated anti-join on the hashes finds them. -#}
{% macro where_row_changed(rows) -%}
    {% if is_incremental() -%}
        {%- set stored_columns = adapter.get_columns_in_relation(this) if execute else [] -%}
        where hash(
            {%- for column in stored_columns %}
            cast({{ rows }}.{{ column.quoted }} as {{ column.dtype }}){{ ',' if not loop.last }}
            {%- endfor %}
        ) not in (
            select hash(
                {%- for column in stored_columns %}
                stored_rows.{{ column.quoted }}{{ ',' if not loop.last }}
                {%- endfor %}
            )
            from {{ this }} as stored_rows
        )
    {%- endif %}
{%- endmacro %}

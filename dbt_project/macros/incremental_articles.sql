{#- Models incremental by article: a build recomputes only the articles of the records it takes in.

    The unit of change is the record (one per article x extractor): ingest never edits a stored
    record, it replaces it by one with the load_id of the load that brought it. `warehouse build`
    keeps the loads its last whole build took in (reference.warehouse_built_loads,
    warehouse/dbt_build.py), so the records of any other load are the ones new or replaced since
    then, and their articles the only ones whose claims can have changed. Deleting those articles'
    rows and computing them again is exact, and doing it twice is harmless: a build that fails or
    leaves models out records nothing, and the next build recomputes the same articles again.

    Everything else a row depends on is covered by a full refresh: `warehouse build` runs one
    whenever a seed, a model or a macro differs from the ones the warehouse was built from. A
    model that uses these macros needs `-- depends_on: {{ ref('stg_raw__extraction_records') }}`
    unless it refs that model anyway. -#}

{% macro touched_articles() -%}
    {%- set built_loads = adapter.get_relation(
        database=target.database, schema='reference', identifier='warehouse_built_loads'
    ) if execute else none -%}
    select distinct new_records.article_id
    from {{ ref('stg_raw__extraction_records') }} as new_records
    {#- without the table (dbt run by hand on a warehouse never built by `warehouse build`)
        every article counts as touched #}
    {% if built_loads is not none -%}
        where new_records.load_id not in (select built.load_id from {{ built_loads.include(database=False) }} as built)
    {%- endif %}
{%- endmacro %}

{#- Pre-hook: delete the touched articles' rows (an article whose new record has no rows of this
    kind keeps none), and those `or_where` names (rows of no article that a build computes
    again). -#}
{% macro delete_touched_articles(or_where=none) -%}
    {% if is_incremental() -%}
        delete from {{ this }}
        where article_id in ({{ touched_articles() }}){% if or_where %} or ({{ or_where }}){% endif %}
    {%- endif %}
{%- endmacro %}

{#- Pre-hook of a model with one row per `key` and how many rows of `current_rows` (a relation
    with article_id) have that key in `count_column`: delete the keys a touched article has a
    row of now, and those whose count is no longer the current one (a key whose rows left with
    a touched article's old record has fewer rows, or none). Rows of untouched articles never
    move, so no other key can have changed. -#}
{% macro delete_touched_or_recounted(key, current_rows, count_column) -%}
    {% if is_incremental() -%}
        delete from {{ this }} as stored
        where
            stored.{{ key }} in (
                select touched_rows.{{ key }}
                from {{ current_rows }} as touched_rows
                where touched_rows.article_id in ({{ touched_articles() }})
            )
            or not exists (
                select 1
                from (
                    select
                        keyed_rows.{{ key }},
                        count(*) as row_count
                    from {{ current_rows }} as keyed_rows
                    where keyed_rows.{{ key }} is not null
                    group by keyed_rows.{{ key }}
                ) as current_counts
                where
                    current_counts.{{ key }} = stored.{{ key }}
                    and current_counts.row_count = stored.{{ count_column }}
            )
    {%- endif %}
{%- endmacro %}

{#- Pre-hook of dim_actors (see there). -#}
{% macro delete_touched_actors() -%}
    {{ delete_touched_or_recounted('actor_id', ref('int_actors_unioned'), 'claim_count') }}
{%- endmacro %}

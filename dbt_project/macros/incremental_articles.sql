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
    kind keeps none). -#}
{% macro delete_touched_articles() -%}
    {% if is_incremental() -%}
        delete from {{ this }}
        where article_id in ({{ touched_articles() }})
    {%- endif %}
{%- endmacro %}

{#- Pre-hook of dim_actors (see there). -#}
{% macro delete_touched_actors() -%}
    {% if is_incremental() -%}
        {%- set mentions = ref('int_actors_unioned') -%}
        delete from {{ this }} as stored
        where
            stored.actor_id in (
                select touched_mentions.actor_id
                from {{ mentions }} as touched_mentions
                where touched_mentions.article_id in ({{ touched_articles() }})
            )
            or not exists (
                select 1
                from (
                    select
                        current_mentions.actor_id,
                        count(*) as claim_count
                    from {{ mentions }} as current_mentions
                    group by current_mentions.actor_id
                ) as current_counts
                where
                    current_counts.actor_id = stored.actor_id
                    and current_counts.claim_count = stored.claim_count
            )
    {%- endif %}
{%- endmacro %}

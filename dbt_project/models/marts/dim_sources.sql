-- One row per article (or bulletin, or post). When several extractors read one article,
-- its description comes from the newest record.
-- Incremental by article (macros/incremental_articles.sql): a build rewrites only the articles
-- whose records it takes in; rewriting the primary key of every article cost more than the query.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_touched_articles() }}"
    )
}}

with

extraction_records as (
    select * from {{ ref('stg_raw__extraction_records') }}
    {% if is_incremental() -%}
        where article_id in ({{ touched_articles() }})
    {%- endif %}
),

sources as (
    select
        article_id,
        arg_max(outlet, extracted_at) as outlet,
        arg_max(title, extracted_at) as title,
        arg_max(url, extracted_at) as url,
        arg_max(published_at, extracted_at) as published_at,
        arg_max(language, extracted_at) as language,
        -- the same text as string_agg(distinct ... order by ...), at two thirds of its time
        array_to_string(list_sort(list(distinct extractor_name)), ', ') as extractor_names,
        cast(count(*) as integer) as record_count
    from extraction_records
    group by article_id
)

select * from sources

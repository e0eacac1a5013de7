-- One row per article (or bulletin, or post). When several extractors read one article,
-- its description comes from the newest record.
-- Incremental (macros/incremental_changed_rows.sql): computed whole, but only new or changed
-- articles are written; rewriting the primary key of every article cost more than the query.
{{
    config(
        materialized='incremental',
        incremental_strategy='changed_rows',
        unique_key='article_id',
        on_schema_change='fail'
    )
}}

with

extraction_records as (
    select * from {{ ref('stg_raw__extraction_records') }}
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

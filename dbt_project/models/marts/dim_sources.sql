-- One row per article (or bulletin, or post). When several extractors read one article,
-- its description comes from the newest record.
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
        string_agg(distinct extractor_name, ', ' order by extractor_name) as extractor_names,
        cast(count(*) as integer) as record_count
    from extraction_records
    group by article_id
)

select * from sources

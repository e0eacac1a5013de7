with

source as (
    select * from {{ source('raw', 'extraction_records') }}
),

loads as (
    select * from {{ source('raw', 'loads') }}
),

renamed as (
    select
        ---------- ids
        article_id,
        extractor_name,
        extractor_version,
        load_id,
        record_sha256,

        ---------- article
        record ->> '$.article.outlet' as outlet,
        record ->> '$.article.title' as title,
        record ->> '$.article.url' as url,
        record ->> '$.article.language' as language,
        record ->> '$.article.text_sha256' as text_sha256,
        record ->> '$.article.text' as article_text,
        {{ utc_timestamp("record ->> '$.article.published_at'") }} as published_at,

        ---------- provenance
        source_file,
        line_number,
        record ->> '$.schema_version' as schema_version,
        timezone('UTC', extracted_at) as extracted_at,

        ---------- the whole record, unnested by the claim models
        record

    from source
    -- Only what a completed load landed: a running or failed load is not data yet.
    where load_id in (
        select completed_loads.load_id
        from loads as completed_loads
        where completed_loads.status = 'completed'
    )
)

select * from renamed

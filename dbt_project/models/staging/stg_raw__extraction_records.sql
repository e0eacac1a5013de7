-- Incremental: a table that gains only the records of loads it has not seen. A replaced
-- record (same article and extractor, newer extraction) carries its new load_id and
-- replaces the old row (delete+insert on the record's key). Claim lists are parsed from the
-- JSON here, once, into typed lists that the claim models unnest.
-- noqa: disable=RF03
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['article_id', 'extractor_name'],
        on_schema_change='fail'
    )
}}

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
        {{ utc_timestamp("record ->> '$.article.published_at'") }} as published_at,

        ---------- provenance
        source_file,
        line_number,
        record ->> '$.schema_version' as schema_version,
        timezone('UTC', extracted_at) as extracted_at,

        ---------- the claims, typed (macros/contract_types.sql)
        from_json(record -> '$.strikes', '{{ strike_claims_json_type() }}') as strikes,
        from_json(record -> '$.interceptions', '{{ interception_claims_json_type() }}') as interceptions,
        from_json(record -> '$.visits', '{{ visit_claims_json_type() }}') as visits

    from source
    -- Only what a completed load landed: a running or failed load is not data yet.
    where
        load_id in (
            select completed_loads.load_id
            from loads as completed_loads
            where completed_loads.status = 'completed'
        )
        {% if is_incremental() -%}
            -- and only loads this table has not taken in yet, named as constants: a filter on
            -- constants is applied in the scan, so the JSON of records staged before is never
            -- read (an anti-join on load_id reads every record first)
            and load_id in ({{ new_loads_of_this() }})
        {%- endif %}
)

select * from renamed

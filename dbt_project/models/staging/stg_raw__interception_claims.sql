-- Struct fields of the unnested claim (claim.date) look like qualified references to sqlfluff.
-- noqa: disable=RF03
with

extraction_records as (
    select * from {{ ref('stg_raw__extraction_records') }}
),

claims_unnested as (
    select
        article_id,
        extractor_name,
        extractor_version,
        outlet,
        published_at,
        unnest(from_json(record -> '$.interceptions', '{{ interception_claims_json_type() }}')) as claim,
        unnest(generate_series(1, cast(json_array_length(record -> '$.interceptions') as bigint))) as claim_number
    from extraction_records
),

renamed as (
    select
        ---------- ids
        {{ claim_key('article_id', 'extractor_name', 'claim.claim_id') }} as claim_id,
        claim.claim_id as record_claim_id,
        article_id,
        extractor_name,
        extractor_version,
        claim_number,

        ---------- article
        outlet,
        published_at,

        ---------- when
        claim.date as claim_date,
        claim.date_precision,
        {{ utc_timestamp('claim.window_start') }} as window_start,
        {{ utc_timestamp('claim.window_end') }} as window_end,

        ---------- who and what
        claim.attacker,
        claim.defender,
        claim.weapon,
        claim.weapon_model,
        claim.claimed_by.name as claimant_name,
        claim.claimed_by.role as claimant_role,
        claim.claimed_by.side as claimant_side,

        ---------- figures
        claim.launched,
        claim.intercepted,
        claim.lost,
        claim.regions,
        len(claim.regions) as region_count,
        claim.regions_complete,

        ---------- evidence
        claim.evidence.text as evidence_text,
        claim.evidence.start as evidence_start,
        claim.evidence."end" as evidence_end

    from claims_unnested
)

select * from renamed

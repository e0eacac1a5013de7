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
        unnest(from_json(record -> '$.strikes', '{{ strike_claims_json_type() }}')) as claim,
        unnest(generate_series(1, cast(json_array_length(record -> '$.strikes') as bigint))) as claim_number
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
        claim.date as event_date,
        claim.date_precision,

        ---------- who and what
        claim.attacker,
        claim.weapon,
        claim.claimed_by.name as claimant_name,
        claim.claimed_by.role as claimant_role,
        claim.claimed_by.side as claimant_side,

        ---------- where
        claim.place.name as place_name,
        claim.place.admin1,
        claim.place.country,
        claim.place.lat,
        claim.place.lon,
        claim.place.precision as place_precision,

        ---------- target and outcome
        claim.target.name as target_name,
        claim.target.type as target_type,
        claim.target_count,
        claim.outcome,
        claim.killed,
        claim.injured,

        ---------- evidence
        claim.evidence.text as evidence_text,
        claim.evidence.start as evidence_start,
        claim.evidence."end" as evidence_end

    from claims_unnested
)

select * from renamed

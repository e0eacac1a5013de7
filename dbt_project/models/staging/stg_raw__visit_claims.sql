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
        unnest(from_json(record -> '$.visits', '{{ visit_claims_json_type() }}')) as claim,
        unnest(generate_series(1, cast(json_array_length(record -> '$.visits') as bigint))) as claim_number
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
        claim.date as visit_date,
        claim.date_precision,

        ---------- who
        claim.visitor.name as visitor_name,
        claim.visitor.role as visitor_role,
        claim.visitor.country as visitor_country,
        claim.claimed_by.name as claimant_name,
        claim.claimed_by.role as claimant_role,
        claim.claimed_by.side as claimant_side,

        ---------- where
        claim.destination.name as destination_name,
        claim.destination.admin1,
        claim.destination.country,
        claim.destination.lat,
        claim.destination.lon,
        claim.destination.precision as place_precision,

        ---------- what
        claim.kind as visit_kind,
        claim.announced,
        claim.topics,

        ---------- evidence
        claim.evidence.text as evidence_text,
        claim.evidence.start as evidence_start,
        claim.evidence."end" as evidence_end

    from claims_unnested
)

select * from renamed

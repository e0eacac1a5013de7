-- One row per visit claim: what one source said about one visit, with the visit
-- (fct_visits) it was merged into and the rule that merged it.
-- Incremental (macros/incremental_changed_rows.sql): computed whole (place resolution is global),
-- but only claims whose row changed are written.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='claim_id',
        on_schema_change='fail',
        pre_hook="{{ delete_vanished_rows('claim_id', ref('int_visit_claims_matched')) }}"
    )
}}

with

visit_claims as (
    select * from {{ ref('stg_raw__visit_claims') }}
),

visit_matches as (
    select * from {{ ref('int_visit_claims_matched') }}
),

places as (
    select * from {{ ref('int_places_resolved') }}
),

place_precisions as (
    select * from {{ ref('place_precisions') }}
),

claims_matched as (
    select
        ---------- ids
        visit_claims.claim_id,
        visit_matches.visit_id,
        visit_claims.record_claim_id,
        visit_claims.article_id,
        visit_claims.extractor_name,
        visit_claims.extractor_version,

        ---------- source
        visit_claims.outlet,
        visit_claims.published_at,

        ---------- when
        visit_claims.visit_date,
        visit_claims.date_precision,
        visit_matches.date_precision_code,

        ---------- who
        visit_matches.visitor_actor_id,
        visit_claims.visitor_name,
        visit_claims.visitor_role,
        visit_claims.visitor_country,

        ---------- where
        visit_matches.place_id,
        visit_claims.destination_name,
        visit_matches.admin1,
        visit_matches.country,
        places.lat,
        places.lon,
        visit_claims.place_precision,
        place_precisions.place_precision_code,

        ---------- what
        visit_claims.visit_kind as kind,
        visit_claims.announced,
        array_to_string(visit_claims.topics, '; ') as topics,

        ---------- claimant and evidence
        visit_claims.claimant_name,
        visit_claims.claimant_role,
        visit_claims.claimant_side,
        visit_claims.evidence_text,
        visit_claims.evidence_start,
        visit_claims.evidence_end,
        visit_matches.match_reason
    from visit_claims
    inner join visit_matches
        on visit_claims.claim_id = visit_matches.claim_id
    left join places
        on
            places.mention_kind = 'visit'
            and visit_claims.claim_id = places.mention_id
    left join place_precisions
        on visit_claims.place_precision = place_precisions.place_precision
)

select * from claims_matched
{{ where_row_changed('claims_matched') }}

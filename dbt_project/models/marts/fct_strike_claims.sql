-- Incremental (macros/incremental_changed_rows.sql): computed whole (strike matching is global,
-- so any claim's strike_id may move), but only claims whose row changed are written.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='claim_id',
        on_schema_change='fail',
        pre_hook="{{ delete_vanished_rows('claim_id', ref('int_strike_claims_matched')) }}"
    )
}}

with

strike_claims as (
    select * from {{ ref('int_strike_claims_enriched') }}
),

strike_matches as (
    select * from {{ ref('int_strike_claims_matched') }}
),

actors as (
    select * from {{ ref('int_actors_unioned') }}
),

claims_matched as (
    select
        ---------- ids
        strike_claims.claim_id,
        strike_matches.strike_id,
        strike_claims.record_claim_id,
        strike_claims.article_id,
        strike_claims.extractor_name,
        strike_claims.extractor_version,

        ---------- article
        strike_claims.outlet,
        strike_claims.published_at,

        ---------- when
        strike_claims.event_date,
        strike_claims.date_precision,
        strike_claims.date_precision_code,

        ---------- who and what
        strike_claims.attacker,
        strike_claims.weapon,

        ---------- where
        strike_claims.place_id,
        strike_claims.place_name,
        strike_claims.admin1,
        strike_claims.country,
        strike_claims.lat,
        strike_claims.lon,
        strike_claims.place_precision,
        strike_claims.place_precision_code,

        ---------- target
        strike_claims.target_id,
        strike_claims.target_name,
        strike_claims.target_type,
        strike_claims.target_match,
        strike_claims.target_count,

        ---------- outcome
        strike_claims.outcome,
        strike_claims.killed,
        strike_claims.injured,

        ---------- claimant
        actors.actor_id as claimant_actor_id,
        strike_claims.claimant_name,
        strike_claims.claimant_role,
        strike_claims.claimant_side,
        strike_claims.claimant_scope,

        ---------- evidence
        strike_claims.evidence_text,
        strike_claims.evidence_start,
        strike_claims.evidence_end,

        ---------- resolution
        strike_matches.match_reason,
        strike_matches.founding_claim_id,
        strike_matches.event_target_id as strike_target_id

    from strike_claims
    inner join strike_matches
        on strike_claims.claim_id = strike_matches.claim_id
    left join actors
        on
            actors.actor_kind = 'claimant'
            and strike_claims.claim_id = actors.claim_id
)

select * from claims_matched
{{ where_row_changed('claims_matched') }}

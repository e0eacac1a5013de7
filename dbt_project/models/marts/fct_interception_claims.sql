-- Incremental (macros/incremental_changed_rows.sql): computed whole, but only claims whose row
-- changed are written.
{{
    config(
        materialized='incremental',
        incremental_strategy='changed_rows',
        unique_key='claim_id',
        on_schema_change='fail'
    )
}}

with

interception_claims as (
    select * from {{ ref('int_interception_windows_deduplicated') }}
),

actors as (
    select * from {{ ref('int_actors_unioned') }}
),

claims_flagged as (
    select
        ---------- ids
        interception_claims.claim_id,
        interception_claims.interception_id,
        interception_claims.record_claim_id,
        interception_claims.article_id,
        interception_claims.extractor_name,

        ---------- article
        interception_claims.outlet,
        interception_claims.published_at,

        ---------- when
        interception_claims.attack_night,
        interception_claims.attack_night_basis,
        interception_claims.date_precision_code,
        interception_claims.window_start,
        interception_claims.window_end,

        ---------- who and what
        interception_claims.attacker,
        interception_claims.defender,
        interception_claims.weapon,
        interception_claims.weapon_model,

        ---------- figures
        interception_claims.launched,
        interception_claims.intercepted,
        interception_claims.lost,
        cast(interception_claims.region_count as integer) as region_count,
        interception_claims.regions_complete,

        ---------- claimant
        actors.actor_id as claimant_actor_id,
        interception_claims.claimant_name,
        interception_claims.claimant_role,
        interception_claims.claimant_side,
        interception_claims.claimant_scope,

        ---------- headline
        interception_claims.is_headline,
        interception_claims.headline_reason,

        ---------- evidence
        interception_claims.evidence_text,
        interception_claims.evidence_start,
        interception_claims.evidence_end

    from interception_claims
    left join actors
        on
            actors.actor_kind = 'claimant'
            and interception_claims.claim_id = actors.claim_id
)

select * from claims_flagged

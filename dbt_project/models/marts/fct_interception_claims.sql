-- Incremental by interception (macros/incremental_interceptions.sql): the pre-hook deletes the
-- claims of the articles a build takes in and of every interception they are or were in, and a
-- build computes only the claims the mart lacks.
-- depends_on: {{ ref('stg_raw__extraction_records') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_touched_interception_claims() }}"
    )
}}

with

interception_claims as (
    select * from {{ ref('int_interception_windows_deduplicated') }}
    {% if is_incremental() -%}
        where claim_id not in (select stored_claims.claim_id from {{ this }} as stored_claims)
    {%- endif %}
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

-- Everyone who speaks in a claim (claimants) or travels in one (visitors), one row per
-- claim mention, with the actor_id that dim_actors and the facts share: a claimant is
-- keyed by its normalised name (its role when it has no name), a visitor by name.
with

strike_claims as (
    select * from {{ ref('stg_raw__strike_claims') }}
),

interception_claims as (
    select * from {{ ref('stg_raw__interception_claims') }}
),

visit_claims as (
    select * from {{ ref('stg_raw__visit_claims') }}
),

claimant_mentions as (
    select
        claim_id,
        claimant_name,
        claimant_role,
        claimant_side
    from strike_claims
    union all
    select
        claim_id,
        claimant_name,
        claimant_role,
        claimant_side
    from interception_claims
    union all
    select
        claim_id,
        claimant_name,
        claimant_role,
        claimant_side
    from visit_claims
),

actor_mentions as (
    select
        claim_id,
        'claimant' as actor_kind,
        coalesce(claimant_name, claimant_role) as actor_name,
        claimant_role as actor_role,
        claimant_side as side,
        'actor_' || substr(md5('claimant|' || {{ normalise_name('coalesce(claimant_name, claimant_role)') }}), 1, 16)
            as actor_id
    from claimant_mentions
    where {{ normalise_name('coalesce(claimant_name, claimant_role)') }} is not null
    union all
    select
        claim_id,
        'visitor' as actor_kind,
        visitor_name as actor_name,
        visitor_role as actor_role,
        visitor_country as side,
        'actor_' || substr(md5('visitor|' || {{ normalise_name('visitor_name') }}), 1, 16) as actor_id
    from visit_claims
)

select * from actor_mentions

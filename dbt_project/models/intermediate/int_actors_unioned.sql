-- Everyone who speaks in a claim (claimants) or travels in one (visitors), one row per
-- claim mention, with the actor_id that dim_actors and the facts share: a claimant is
-- keyed by its normalised name (its role when it has no name), a visitor by name.
-- Incremental by article (macros/incremental_articles.sql): the name is normalised by a regex per
-- mention, so a build normalises only the mentions of the articles whose records it takes in.
-- depends_on: {{ ref('stg_raw__extraction_records') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_touched_articles() }}"
    )
}}

with

strike_claims as (
    select * from {{ ref('stg_raw__strike_claims') }}
    {% if is_incremental() -%}
        where article_id in ({{ touched_articles() }})
    {%- endif %}
),

interception_claims as (
    select * from {{ ref('stg_raw__interception_claims') }}
    {% if is_incremental() -%}
        where article_id in ({{ touched_articles() }})
    {%- endif %}
),

visit_claims as (
    select * from {{ ref('stg_raw__visit_claims') }}
    {% if is_incremental() -%}
        where article_id in ({{ touched_articles() }})
    {%- endif %}
),

claimant_mentions as (
    select
        claim_id,
        article_id,
        claimant_name,
        claimant_role,
        claimant_side
    from strike_claims
    union all
    select
        claim_id,
        article_id,
        claimant_name,
        claimant_role,
        claimant_side
    from interception_claims
    union all
    select
        claim_id,
        article_id,
        claimant_name,
        claimant_role,
        claimant_side
    from visit_claims
),

actor_mentions as (
    select
        claim_id,
        article_id,
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
        article_id,
        'visitor' as actor_kind,
        visitor_name as actor_name,
        visitor_role as actor_role,
        visitor_country as side,
        'actor_' || substr(md5('visitor|' || {{ normalise_name('visitor_name') }}), 1, 16) as actor_id
    from visit_claims
)

select * from actor_mentions

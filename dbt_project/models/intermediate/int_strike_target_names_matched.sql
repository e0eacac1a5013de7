-- Strike claims' named targets matched against facilities.csv: what target identification
-- (int_strike_claims_enriched) can decide from a claim alone. The named target is the target's
-- name, or the place's name for a facility-level place; match_rank says how it matched:
--   1 facility_name             a name or alias of one facility;
--   2 facility_name_stem        without words like "oil", "refinery", "depot" it is one
--                               facility's name, and the types agree;
--   3 facility_alias_in_name    a name or alias (4+ characters) of one facility appears as
--                               whole words in it, and the types agree.
-- Incremental by article (macros/incremental_articles.sql): the name keys and the matching are
-- the dear part of target identification, so a build does them only for the claims of the
-- articles whose records it takes in; a seed edit makes `warehouse build` a full refresh.
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

place_mentions as (
    select * from {{ ref('int_place_mentions_regioned') }}
    where
        mention_kind = 'strike'
        {% if is_incremental() -%}
            and article_id in ({{ touched_articles() }})
        {%- endif %}
),

facility_names as (
    select * from {{ ref('int_facility_names_unpivoted') }}
),

claims_with_named_targets as (
    select
        strike_claims.claim_id,
        strike_claims.article_id,
        strike_claims.target_type,
        place_mentions.country,
        coalesce(
            nullif(trim(strike_claims.target_name), ''),
            case when strike_claims.place_precision = 'facility' then strike_claims.place_name end
        ) as named_target
    from strike_claims
    left join place_mentions
        on strike_claims.claim_id = place_mentions.mention_id
),

-- Name keys computed once, so that facility matching is an equality join.
claims_with_name_keys as (
    select
        *,
        {{ normalise_name('named_target') }} as named_target_key,
        {{ facility_stem('named_target') }} as named_target_stem
    from claims_with_named_targets
),

facility_candidates as (
    select
        claims.claim_id,
        facility_names.facility_id,
        1 as match_rank
    from claims_with_name_keys as claims
    inner join facility_names
        on
            claims.named_target_key = facility_names.exact_key
            and (claims.country is null or facility_names.country is null or claims.country = facility_names.country)
    union all
    select
        claims.claim_id,
        facility_names.facility_id,
        2 as match_rank
    from claims_with_name_keys as claims
    inner join facility_names
        on
            claims.named_target_stem = facility_names.stem_key
            and claims.target_type = facility_names.target_type
            and (claims.country is null or facility_names.country is null or claims.country = facility_names.country)
    union all
    select
        claims.claim_id,
        facility_names.facility_id,
        3 as match_rank
    from claims_with_name_keys as claims
    inner join facility_names
        on
            claims.target_type = facility_names.target_type
            and length(facility_names.exact_key) >= 4
            and ' ' || claims.named_target_key || ' ' like '% ' || facility_names.exact_key || ' %'
            and (claims.country is null or facility_names.country is null or claims.country = facility_names.country)
),

facility_candidates_best as (
    select *
    from facility_candidates
    qualify match_rank = min(match_rank) over (partition by claim_id)
),

facility_matches as (
    -- A name that fits two facilities equally well identifies neither.
    select
        claim_id,
        min(facility_id) as facility_id,
        min(match_rank) as match_rank
    from facility_candidates_best
    group by claim_id
    having count(distinct facility_id) = 1
),

named_targets_matched as (
    select
        claims.claim_id,
        claims.article_id,
        claims.named_target,
        claims.named_target_key,
        claims.named_target_stem,
        facility_matches.facility_id,
        facility_matches.match_rank
    from claims_with_name_keys as claims
    left join facility_matches
        on claims.claim_id = facility_matches.claim_id
)

select * from named_targets_matched

-- Which interception claims make up the defender's headline figure of a night, and why
-- each other claim does not (headline_reason). One row per claim. Replace this one model
-- to change how interception claims are combined.
--
-- The interception is attack night x attacker x defender x weapon (claims without an
-- attack night stay outside any interception: no_attack_night). For each interception:
--   1 one extractor per article: when two extractors coded one article, the preferred
--     one (extractor_priorities seed: human first) counts ....... same_article_other_extractor
--   2 the headline claimant is the defender's national source (air force, defence
--     ministry); failing that another defender-side official, then a regional or local
--     one, then the outlet's own voice. Others are kept but not added:
--     regional_command_not_added, not_headline_claimant, attacking_side_claim,
--     third_party_claim
--   3 the headline claimant's windows are summed without counting a period twice: the
--     same window told twice counts once (duplicate_window); windows that overlap form
--     a group that counts once, by its longest window, so a window inside another is
--     not added (overlapping_window); weapon models are added up, and a window without a
--     model that overlaps one with a model is the same count (model_unspecified_duplicate)
--   4 a claim without a window (the ministry's "during the past night") is a retelling
--     (windowless_re_report) only when one of the claimant's windows covers the heart of
--     the night (00:00-05:00 Kyiv time of the attack night); otherwise it is the night's
--     own figure and adds to the evening and daytime windows. Among such claims one per
--     weapon model counts, the one with the largest figures (duplicate_statement)
-- Counted claims have headline_reason = 'headline' and is_headline = true.
--
-- Incremental by interception (macros/incremental_interceptions.sql): the pre-hook deletes the
-- claims of the articles a build takes in and every interception they are or were in, and a
-- build computes only the claims the table lacks.
-- depends_on: {{ ref('stg_raw__extraction_records') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_touched_interceptions() }}"
    )
}}

with

interception_claims as (
    select * from {{ ref('int_interception_claims_normalised') }}
),

-- The claims the table lacks: in an incremental build, every claim of each interception the
-- pre-hook deleted (read only then).
claims_pending as (
    select
        claim_id,
        article_id
    from interception_claims
    {% if is_incremental() -%}
        where claim_id not in (select stored_claims.claim_id from {{ this }} as stored_claims)
    {%- endif %}
),

claims_keyed as (
    select
        *,
        {{ interception_key('attack_night', 'night_precision', 'attacker', 'defender', 'weapon') }}
            as interception_id,
        case
            when claimant_scope = 'unattributed' then 'unattributed'
            when claimant_side = defender then 'defender'
            when claimant_side = attacker then 'attacker'
            else 'third_party'
        end as side_role,
        coalesce(window_start, window_end) as window_from,
        coalesce(window_end, window_start) as window_to
    from interception_claims
    {% if is_incremental() -%}
        -- all claims of the pending claims' articles: which extractor counts is per article
        where article_id in (select claims_pending.article_id from claims_pending)
    {%- endif %}
),

claims_tiered as (
    select
        *,
        case
            when side_role = 'defender' and claimant_scope = 'national' then 1
            when side_role = 'defender' and claimant_scope = 'other' then 2
            when side_role = 'defender' then 3
            when side_role = 'unattributed' then 4
        end as headline_tier,
        extractor_name = first_value(extractor_name) over (
            partition by article_id order by extractor_priority, extractor_name
        ) as is_preferred_extractor
    from claims_keyed
    {% if is_incremental() -%}
        qualify claim_id in (select claims_pending.claim_id from claims_pending)
    {%- endif %}
),

claimant_candidates as (
    select
        interception_id,
        claimant_key,
        min(headline_tier) as headline_tier,
        count(*) as claim_count
    from claims_tiered
    where interception_id is not null and headline_tier is not null and is_preferred_extractor
    group by interception_id, claimant_key
),

headline_claimants as (
    select
        interception_id,
        claimant_key as headline_claimant_key
    from claimant_candidates
    qualify row_number() over (
        partition by interception_id order by headline_tier asc, claim_count desc, claimant_key asc
    ) = 1
),

headline_pool as (
    select
        claims.*,
        bool_or(
            claims.window_from
            < timezone('UTC', timezone('Europe/Kyiv', cast(claims.attack_night as timestamp) + interval 5 hour))
            and claims.window_to
            > timezone('UTC', timezone('Europe/Kyiv', cast(claims.attack_night as timestamp)))
        ) over (partition by claims.interception_id) as has_core_night_window
    from claims_tiered as claims
    inner join headline_claimants
        on
            claims.interception_id = headline_claimants.interception_id
            and claims.claimant_key = headline_claimants.headline_claimant_key
    where claims.is_preferred_extractor
),

---------- windows of the headline claimant
windows_distinct as (
    select
        *,
        row_number() over (
            partition by interception_id, weapon_model_key, window_from, window_to
            order by intercepted desc nulls last, launched desc nulls last, published_at asc, claim_id asc
        ) = 1 as is_first_telling
    from headline_pool
    where window_from is not null
),

windows_grouped as (
    select
        *,
        sum(case when previous_end is null or window_from >= previous_end then 1 else 0 end) over (
            partition by interception_id, weapon_model_key
            order by window_from asc, window_to desc, claim_id asc
            rows between unbounded preceding and current row
        ) as overlap_group
    from (
        select
            *,
            max(window_to) over (
                partition by interception_id, weapon_model_key
                order by window_from asc, window_to desc, claim_id asc
                rows between unbounded preceding and 1 preceding
            ) as previous_end
        from windows_distinct
        where is_first_telling
    ) as windows_ordered
),

windows_kept as (
    select
        *,
        row_number() over (
            partition by interception_id, weapon_model_key, overlap_group
            order by window_to - window_from desc, intercepted desc nulls last, published_at asc, claim_id asc
        ) = 1 as is_group_window
    from windows_grouped
),

windows_without_model_overlapping as (
    select distinct unspecified.claim_id
    from windows_kept as unspecified
    inner join windows_kept as specified
        on
            unspecified.interception_id = specified.interception_id
            and specified.weapon_model_key <> ''
            and specified.is_group_window
            and unspecified.window_from < specified.window_to
            and unspecified.window_to > specified.window_from
    where unspecified.weapon_model_key = '' and unspecified.is_group_window
),

---------- statements without a window, when no window covers the heart of the night
statements_ranked as (
    select
        *,
        row_number() over (
            partition by interception_id, weapon_model_key
            order by intercepted desc nulls last, launched desc nulls last, published_at asc, claim_id asc
        ) = 1 as is_first_statement,
        bool_or(weapon_model_key <> '') over (partition by interception_id) as has_specified_model
    from headline_pool
    where window_from is null and not coalesce(has_core_night_window, false)
),

---------- every claim with its reason
reasons as (
    select
        claims.*,
        headline_claimants.headline_claimant_key,
        case
            when claims.interception_id is null then 'no_attack_night'
            when not claims.is_preferred_extractor then 'same_article_other_extractor'
            when claims.side_role = 'attacker' then 'attacking_side_claim'
            when claims.side_role = 'third_party' then 'third_party_claim'
            when claims.claimant_key <> headline_claimants.headline_claimant_key
                then
                    case
                        when claims.claimant_scope = 'regional' then 'regional_command_not_added'
                        else 'not_headline_claimant'
                    end
            when windows_distinct.claim_id is not null and not windows_distinct.is_first_telling
                then 'duplicate_window'
            when windows_kept.claim_id is not null and not windows_kept.is_group_window
                then 'overlapping_window'
            when windows_without_model_overlapping.claim_id is not null then 'model_unspecified_duplicate'
            when windows_kept.claim_id is not null then 'headline'
            when pool_windowless.claim_id is not null and pool_windowless.has_core_night_window
                then 'windowless_re_report'
            when statements_ranked.has_specified_model and statements_ranked.weapon_model_key = ''
                then 'model_unspecified_duplicate'
            when statements_ranked.claim_id is not null and not statements_ranked.is_first_statement
                then 'duplicate_statement'
            when statements_ranked.claim_id is not null then 'headline'
            else 'not_headline_claimant'
        end as headline_reason
    from claims_tiered as claims
    left join headline_claimants
        on claims.interception_id = headline_claimants.interception_id
    left join windows_distinct
        on claims.claim_id = windows_distinct.claim_id
    left join windows_kept
        on claims.claim_id = windows_kept.claim_id
    left join windows_without_model_overlapping
        on claims.claim_id = windows_without_model_overlapping.claim_id
    left join headline_pool as pool_windowless
        on
            claims.claim_id = pool_windowless.claim_id
            and pool_windowless.window_from is null
    left join statements_ranked
        on claims.claim_id = statements_ranked.claim_id
),

deduplicated as (
    select
        * exclude (window_from, window_to, is_preferred_extractor),
        headline_reason = 'headline' as is_headline
    from reasons
)

select * from deduplicated

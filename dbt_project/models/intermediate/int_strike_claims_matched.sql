-- Event resolution for strikes: every claim gets the strike event it belongs to and the
-- rule that put it there. Replace this one model to change how strikes are merged.
--
-- Claims merge only with the same attacker, and on dates within a day of the event's
-- first date (a later date starts a new event: repeat strikes stay separate). Stages,
-- from the most specific claims to the vaguest:
--   1 target:       claims with an identified target (int_strike_claims_enriched) merge
--                   when the target is the same ............................ same_target
--   2 city:         city-level claims of a specific type without an identified target join
--                   the one stage-1 event in that city with a compatible type, if exactly
--                   one exists (or exactly one on the claim's own date) unique_candidate_in_city
--                   else merge with each other by city and type .... same_place_and_type
--   3 city, vague:  city-level claims of a generic type (unknown, other, industrial) do the
--                   same against events of stages 1-2
--   4 region:       region-level claims (and facility-level ones without a usable name)
--                   join the one city- or facility-level event in that region with a
--                   compatible type, if exactly one exists ...... unique_candidate_in_region
--                   else merge with each other by region and type ... same_place_and_type
--   5 country:      country-level claims merge by country and type .. same_place_and_type
--   6 no place:     claims without a place merge only within their article ... same_article
-- The first claim of each event (earliest published, then claim_id) is marked new_event.
-- Claims not dated to the day merge only with claims of the same date and precision.
--
-- Incremental by event (macros/incremental_strikes.sql): a build recomputes only the claims
-- whose event can change and rewrites the events they were or are in; the result equals a full
-- build. After changing this model, strike_matching.sql or incremental_strikes.sql, build once
-- with `warehouse build --full-refresh`. Besides the result, each row keeps what the next build
-- compares: the claim's keyed columns, its group and island, and its own reason and target.
-- sqlfluff:indentation:template_blocks_indent:False
-- (the two paths below are whole queries, not blocks inside one)
{{
    config(
        materialized='incremental',
        incremental_strategy='strike_events',
        on_schema_change='fail',
        post_hook="{{ store_strike_event_profiles() }}"
    )
}}

with

strike_claims as (
    select * from {{ ref('int_strike_claims_enriched') }}
),

claims_keyed as (
    {{ strike_claims_keyed('strike_claims') }}
),

{% if is_incremental() %}
-- An incremental build hands every keyed claim to the strategy, which recomputes only what
-- changed (macros/incremental_strikes.sql); the result columns stay empty here.
claims_to_match as (
    select
        claim_id,
        cast(null as varchar) as strike_id,
        cast(null as varchar) as match_reason,
        cast(null as varchar) as founding_claim_id,
        cast(null as varchar) as event_target_id,
        match_stage,
        cast(null as varchar) as event_key,
        cast(null as varchar) as group_key,
        cast(null as date) as island_start,
        cast(null as varchar) as assigned_reason,
        cast(null as boolean) as founds_event,
        cast(null as varchar) as assigned_target_id,
        {{ strike_keyed_column_list(exclude=['claim_id', 'match_stage']) }}
    from claims_keyed
)

select * from claims_to_match
{% else %}

---------- stage 1: identified targets
target_claims as (
    select
        claim_id,
        day_date,
        'target|' || attacker_key || '|' || target_id || '|' || date_key as group_key,
        target_id as event_target_id
    from claims_keyed
    where match_stage = 'target'
),

{{ date_islands('target_claims', 'target_islands') }},

target_events as (
    select
        target_claims.claim_id,
        target_claims.group_key || '|' || coalesce(cast(target_islands.island_start as varchar), '') as event_key,
        'same_target' as match_reason,
        true as founds_event,
        target_claims.event_target_id,
        target_claims.group_key,
        target_islands.island_start
    from target_claims
    left join target_islands
        on
            target_claims.group_key = target_islands.group_key
            and target_claims.day_date = target_islands.day_date
),

target_event_profiles as (
    {{ strike_event_profiles('target_events') }}
),

---------- stage 2: city-level claims of a specific type
city_claims as (
    select * from claims_keyed
    where match_stage = 'city'
),

city_claim_candidates as (
    {{ strike_attachment_candidates('city_claims', 'target_event_profiles', same_city=true) }}
),

city_claims_attached as (
    {{ strike_attachments('city_claim_candidates', 'unique_candidate_in_city') }}
),

city_groups as (
    select
        claim_id,
        day_date,
        'city|' || attacker_key || '|' || city_key || '|' || target_type || '|' || date_key as group_key,
        -- An unnamed facility of one type in one city is one target: the Engels oil depot
        -- struck twice is one dim_targets row even when no source names it.
        case when is_facility_target then city_key || '/' || target_type end as event_target_id
    from city_claims
    where claim_id not in (select city_claims_attached.claim_id from city_claims_attached)
),

{{ date_islands('city_groups', 'city_islands') }},

city_events as (
    select
        city_groups.claim_id,
        city_groups.group_key || '|' || coalesce(cast(city_islands.island_start as varchar), '') as event_key,
        'same_place_and_type' as match_reason,
        true as founds_event,
        city_groups.event_target_id,
        city_groups.group_key,
        city_islands.island_start
    from city_groups
    left join city_islands
        on
            city_groups.group_key = city_islands.group_key
            and city_groups.day_date = city_islands.day_date
),

---------- stage 3: city-level claims of a generic type
events_up_to_city as (
    select
        claim_id,
        event_key
    from target_events
    union all
    select
        claim_id,
        event_key
    from city_claims_attached
    union all
    select
        claim_id,
        event_key
    from city_events
),

city_event_profiles as (
    {{ strike_event_profiles('events_up_to_city') }}
),

vague_city_claims as (
    select * from claims_keyed
    where match_stage = 'city_vague'
),

vague_city_claim_candidates as (
    {{ strike_attachment_candidates('vague_city_claims', 'city_event_profiles', same_city=true) }}
),

vague_city_claims_attached as (
    {{ strike_attachments('vague_city_claim_candidates', 'unique_candidate_in_city') }}
),

vague_city_groups as (
    select
        claim_id,
        day_date,
        'city|' || attacker_key || '|' || city_key || '|' || target_type || '|' || date_key as group_key,
        cast(null as varchar) as event_target_id
    from vague_city_claims
    where claim_id not in (select vague_city_claims_attached.claim_id from vague_city_claims_attached)
),

{{ date_islands('vague_city_groups', 'vague_city_islands') }},

vague_city_events as (
    select
        vague_city_groups.claim_id,
        vague_city_groups.group_key || '|' || coalesce(cast(vague_city_islands.island_start as varchar), '')
            as event_key,
        'same_place_and_type' as match_reason,
        true as founds_event,
        vague_city_groups.event_target_id,
        vague_city_groups.group_key,
        vague_city_islands.island_start
    from vague_city_groups
    left join vague_city_islands
        on
            vague_city_groups.group_key = vague_city_islands.group_key
            and vague_city_groups.day_date = vague_city_islands.day_date
),

---------- stage 4: region-level claims
events_up_to_vague_city as (
    select
        claim_id,
        event_key
    from events_up_to_city
    union all
    select
        claim_id,
        event_key
    from vague_city_claims_attached
    union all
    select
        claim_id,
        event_key
    from vague_city_events
),

local_event_profiles as (
    {{ strike_event_profiles('events_up_to_vague_city') }}
),

region_claims as (
    select * from claims_keyed
    where match_stage = 'region'
),

region_claim_candidates as (
    {{ strike_attachment_candidates('region_claims', 'local_event_profiles', same_city=false) }}
),

region_claims_attached as (
    {{ strike_attachments('region_claim_candidates', 'unique_candidate_in_region') }}
),

---------- stages 4 to 6: claims that found their own events at their precision
wide_groups as (
    select
        claim_id,
        day_date,
        case match_stage
            when 'region' then 'region|' || attacker_key || '|' || coalesce(region_key, '?')
            when 'country' then 'country|' || attacker_key || '|' || coalesce(country, '?')
            else 'article|' || attacker_key || '|' || article_id
        end || '|' || target_type || '|' || date_key as group_key,
        case when match_stage = 'no_place' then 'same_article' else 'same_place_and_type' end as match_reason,
        cast(null as varchar) as event_target_id
    from claims_keyed
    where
        match_stage in ('region', 'country', 'no_place')
        and claim_id not in (select region_claims_attached.claim_id from region_claims_attached)
),

{{ date_islands('wide_groups', 'wide_islands') }},

wide_events as (
    select
        wide_groups.claim_id,
        wide_groups.group_key || '|' || coalesce(cast(wide_islands.island_start as varchar), '') as event_key,
        wide_groups.match_reason,
        true as founds_event,
        wide_groups.event_target_id,
        wide_groups.group_key,
        wide_islands.island_start
    from wide_groups
    left join wide_islands
        on
            wide_groups.group_key = wide_islands.group_key
            and wide_groups.day_date = wide_islands.day_date
),

---------- every claim with its event
assignments as (
    select * from target_events
    union all
    select * from city_claims_attached
    union all
    select * from city_events
    union all
    select * from vague_city_claims_attached
    union all
    select * from vague_city_events
    union all
    select * from region_claims_attached
    union all
    select * from wide_events
),

assignments_keyed as (
    select
        assignments.claim_id,
        assignments.event_key,
        assignments.match_reason as assigned_reason,
        assignments.founds_event,
        assignments.event_target_id as assigned_target_id,
        assignments.group_key,
        assignments.island_start,
        {{ strike_keyed_column_list('claims_keyed', exclude=['claim_id']) }}
    from assignments
    inner join claims_keyed
        on assignments.claim_id = claims_keyed.claim_id
),

matched as (
    {{ strike_events_ranked('assignments_keyed') }}
)

select * from matched
{% endif %}

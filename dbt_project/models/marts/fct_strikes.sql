-- One row per strike event. Figures are read per source first (an article's largest
-- figure, whichever extractor or sentence gave it), then across sources: low = smallest,
-- high = largest, best = the median source (the lower of two middle values: UCDP's
-- conservative best estimate).
-- Incremental by event (macros/incremental_strike_events.sql): the pre-hook deletes the events
-- whose claims changed, and a build computes only the events the mart lacks.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_strikes_with_changed_claims() }}"
    )
}}

with

strike_claims as (
    select * from {{ ref('fct_strike_claims') }}
    {% if is_incremental() -%}
        where strike_id not in (select stored_strikes.strike_id from {{ this }} as stored_strikes)
    {%- endif %}
),

outcomes as (
    select * from {{ ref('outcomes') }}
),

target_types as (
    select * from {{ ref('target_types') }}
),

targets as (
    select * from {{ ref('int_targets_identified') }}
),

claims_with_lookups as (
    select
        strike_claims.*,
        outcomes.severity_rank,
        target_types.is_generic as is_generic_target
    from strike_claims
    left join outcomes
        on strike_claims.outcome = outcomes.outcome
    left join target_types
        on strike_claims.target_type = target_types.target_type
),

-- The place of an event is the finest place any of its claims gives.
event_places as (
    select
        strike_id,
        place_id,
        place_name,
        admin1,
        country,
        lat,
        lon,
        place_precision,
        place_precision_code
    from claims_with_lookups
    qualify row_number() over (
        partition by strike_id
        order by place_precision_code asc nulls last, published_at asc nulls last, claim_id asc
    ) = 1
),

-- The event's date is the date most claims give (the earliest on a tie).
event_dates as (
    select
        strike_id,
        event_date
    from claims_with_lookups
    group by strike_id, event_date
    qualify row_number() over (
        partition by strike_id order by count(*) desc, event_date asc nulls last
    ) = 1
),

source_figures as (
    select
        strike_id,
        article_id,
        max(killed) as killed,
        max(injured) as injured,
        max(target_count) as target_count
    from claims_with_lookups
    group by strike_id, article_id
),

event_figures as (
    select
        strike_id,
        quantile_disc(killed, 0.5) as killed_best,
        min(killed) as killed_low,
        max(killed) as killed_high,
        quantile_disc(injured, 0.5) as injured_best,
        min(injured) as injured_low,
        max(injured) as injured_high,
        quantile_disc(target_count, 0.5) as target_count_best,
        min(target_count) as target_count_low,
        max(target_count) as target_count_high
    from source_figures
    group by strike_id
),

-- The outcome most sources give (each source counted once per outcome), the most
-- severe on a tie; "unknown" only when no source gives another.
source_outcomes as (
    select distinct
        strike_id,
        article_id,
        outcome,
        severity_rank
    from claims_with_lookups
    where outcome <> 'unknown'
),

event_outcomes as (
    select
        strike_id,
        outcome
    from source_outcomes
    group by strike_id, outcome, severity_rank
    qualify row_number() over (
        partition by strike_id order by count(*) desc, severity_rank desc
    ) = 1
),

event_fingerprints as (
    {{ strike_claim_fingerprints('strike_claims', 'targets') }}
),

-- Each side's account: what its claimants said, side by side.
claim_accounts as (
    select
        claims.strike_id,
        claims.claimant_side,
        claims.attacker,
        event_places.country as event_country,
        coalesce(claims.claimant_name, claims.claimant_role) || ': ' || claims.outcome
        || case when claims.killed is not null then ', ' || claims.killed || ' killed' else '' end
        || case when claims.injured is not null then ', ' || claims.injured || ' injured' else '' end
        || ' (' || coalesce(claims.outlet, 'unknown outlet') || ')' as claim_account
    from claims_with_lookups as claims
    inner join event_places
        on claims.strike_id = event_places.strike_id
    where claims.claimant_side is not null
),

event_accounts as (
    select
        strike_id,
        string_agg(distinct claim_account, ' | ' order by claim_account) filter (where claimant_side = attacker)
            as attacker_side_account,
        string_agg(distinct claim_account, ' | ' order by claim_account) filter (
            where claimant_side <> attacker and claimant_side = event_country
        ) as attacked_side_account
    from claim_accounts
    group by strike_id
),

event_summaries as (
    select
        strike_id,
        min(date_precision_code) as date_precision_code,
        {{ mode_of('attacker') }} as attacker,
        coalesce({{ mode_of('weapon', "weapon <> 'unknown'") }}, 'unknown') as weapon,
        max(strike_target_id) as target_id,
        coalesce(
            {{ mode_of('target_type', "not is_generic_target") }},
            {{ mode_of('target_type') }}
        ) as target_type,
        count(*) as claim_count,
        count(distinct article_id) as source_count,
        count(distinct outlet) as outlet_count,
        string_agg(distinct outlet, ', ' order by outlet) as outlets,
        count(distinct outcome) filter (where outcome <> 'unknown') > 1 as has_outcome_conflict,
        min(published_at) as first_reported_at
    from claims_with_lookups
    group by strike_id
),

strikes as (
    select
        ---------- ids
        event_summaries.strike_id,

        ---------- when
        event_dates.event_date,
        event_summaries.date_precision_code,
        event_summaries.first_reported_at,

        ---------- who and what
        event_summaries.attacker,
        event_summaries.weapon,

        ---------- where
        event_places.place_id,
        event_places.place_name,
        event_places.admin1,
        event_places.country,
        event_places.lat,
        event_places.lon,
        event_places.place_precision,
        event_places.place_precision_code,

        ---------- target
        event_summaries.target_id,
        targets.target_name,
        event_summaries.target_type,

        ---------- sources
        cast(event_summaries.claim_count as integer) as claim_count,
        cast(event_summaries.source_count as integer) as source_count,
        cast(event_summaries.outlet_count as integer) as outlet_count,
        event_summaries.outlets,

        ---------- figures
        event_figures.killed_best,
        event_figures.killed_low,
        event_figures.killed_high,
        event_figures.injured_best,
        event_figures.injured_low,
        event_figures.injured_high,
        event_figures.target_count_best,
        event_figures.target_count_low,
        event_figures.target_count_high,

        ---------- outcome and accounts
        coalesce(event_outcomes.outcome, 'unknown') as outcome,
        event_summaries.has_outcome_conflict,
        event_accounts.attacker_side_account,
        event_accounts.attacked_side_account,

        ---------- what the row was computed from
        event_fingerprints.claims_fingerprint

    from event_summaries
    inner join event_dates
        on event_summaries.strike_id = event_dates.strike_id
    inner join event_places
        on event_summaries.strike_id = event_places.strike_id
    inner join event_figures
        on event_summaries.strike_id = event_figures.strike_id
    left join event_outcomes
        on event_summaries.strike_id = event_outcomes.strike_id
    left join event_accounts
        on event_summaries.strike_id = event_accounts.strike_id
    left join targets
        on event_summaries.target_id = targets.target_id
    inner join event_fingerprints
        on event_summaries.strike_id = event_fingerprints.strike_id
)

select * from strikes

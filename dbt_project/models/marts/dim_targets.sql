with

targets as (
    select * from {{ ref('int_targets_identified') }}
),

strikes as (
    select * from {{ ref('fct_strikes') }}
),

strike_history as (
    select
        target_id,
        count(*) as strike_count,
        min(event_date) as first_struck_on,
        max(event_date) as last_struck_on
    from strikes
    where target_id is not null
    group by target_id
),

targets_with_history as (
    select
        ---------- ids
        targets.target_id,

        ---------- properties
        targets.target_name,
        targets.target_type,
        targets.target_source,
        targets.operator,
        targets.capacity,

        ---------- where
        targets.place_id,
        targets.place_name,
        targets.admin1,
        targets.country,
        targets.lat,
        targets.lon,

        ---------- strikes
        cast(coalesce(strike_history.strike_count, 0) as integer) as strike_count,
        strike_history.first_struck_on,
        strike_history.last_struck_on

    from targets
    left join strike_history
        on targets.target_id = strike_history.target_id
)

select * from targets_with_history

-- One row per day, from 1 January of the year of the earliest date any fact or source
-- carries to 31 December of the year of the latest (2022 alone for an empty warehouse).
with

strike_claims as (
    select * from {{ ref('int_strike_claims_enriched') }}
),

interception_claims as (
    select * from {{ ref('int_interception_claims_normalised') }}
),

visit_claims as (
    select * from {{ ref('stg_raw__visit_claims') }}
),

extraction_records as (
    select * from {{ ref('stg_raw__extraction_records') }}
),

dates_seen as (
    select event_date as seen_date from strike_claims
    union all
    select attack_night as seen_date from interception_claims
    union all
    select claim_date as seen_date from interception_claims
    union all
    select visit_date as seen_date from visit_claims
    union all
    select cast(published_at as date) as seen_date from extraction_records
),

date_range as (
    select
        date_trunc('year', coalesce(min(seen_date), date '2022-01-01')) as first_day,
        date_trunc('year', coalesce(max(seen_date), date '2022-01-01')) + interval 1 year - interval 1 day
            as last_day
    from dates_seen
),

days as (
    {{ date_spine('(select date_range.first_day from date_range)', '(select date_range.last_day from date_range)') }}
),

calendar as (
    select
        date_day,
        cast(year(date_day) as integer) as year,
        cast(month(date_day) as integer) as month,
        cast(weekofyear(date_day) as integer) as iso_week,
        cast(date_trunc('week', date_day) as date) as week_start,
        cast(isodow(date_day) as integer) as day_of_week,
        isodow(date_day) in (6, 7) as is_weekend
    from days
)

select * from calendar

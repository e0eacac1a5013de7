-- Every target the warehouse knows, one row each:
--   facilities.csv        every facility of the reference list (struck or not);
--   named_in_claims       a named target that facilities.csv does not know;
--   unnamed_in_city       an unnamed facility of one type in one city, as the strike
--                         resolution found it ("an oil depot in Engels").
-- place_id is where the target is: its city when known, else its region.
with

facilities as (
    select * from {{ ref('stg_reference__facilities') }}
),

places as (
    select * from {{ ref('int_places_resolved') }}
),

strike_claims as (
    select * from {{ ref('int_strike_claims_enriched') }}
),

strike_matches as (
    select * from {{ ref('int_strike_claims_matched') }}
),

facility_targets as (
    select
        facilities.facility_id as target_id,
        facilities.facility_name as target_name,
        facilities.target_type,
        coalesce(places.place_id, places.region_key) as place_id,
        coalesce(places.place_name, places.admin1) as place_name,
        coalesce(places.admin1, facilities.admin1) as admin1,
        facilities.country,
        facilities.lat,
        facilities.lon,
        facilities.operator,
        facilities.capacity,
        'facilities.csv' as target_source
    from facilities
    left join places
        on
            places.mention_kind = 'facility'
            and facilities.facility_id = places.mention_id
),

named_targets as (
    select
        target_id,
        {{ mode_of('target_name') }} as target_name,
        {{ mode_of('target_type') }} as target_type,
        min(region_key) as place_id,
        {{ mode_of('admin1') }} as place_name,
        {{ mode_of('admin1') }} as admin1,
        {{ mode_of('country') }} as country,
        {{ rounded_mean("lat") }} as lat,
        {{ rounded_mean("lon") }} as lon,
        cast(null as varchar) as operator,
        cast(null as varchar) as capacity,
        'named_in_claims' as target_source
    from strike_claims
    where target_match = 'named_target'
    group by target_id
),

unnamed_targets as (
    select
        strike_matches.event_target_id as target_id,
        replace({{ mode_of('strike_claims.target_type') }}, '_', ' ')
        || ' in '
        || {{ mode_of('strike_claims.place_name') }} as target_name,
        {{ mode_of('strike_claims.target_type') }} as target_type,
        min(strike_claims.city_key) as place_id,
        {{ mode_of('strike_claims.place_name') }} as place_name,
        {{ mode_of('strike_claims.admin1') }} as admin1,
        {{ mode_of('strike_claims.country') }} as country,
        {{ rounded_mean("strike_claims.lat") }} as lat,
        {{ rounded_mean("strike_claims.lon") }} as lon,
        cast(null as varchar) as operator,
        cast(null as varchar) as capacity,
        'unnamed_in_city' as target_source
    from strike_matches
    inner join strike_claims
        on strike_matches.claim_id = strike_claims.claim_id
    where
        strike_matches.event_target_id is not null
        and strike_matches.event_target_id not in (select facility_targets.target_id from facility_targets)
        and strike_matches.event_target_id not in (select named_targets.target_id from named_targets)
    group by strike_matches.event_target_id
),

targets as (
    select * from facility_targets
    union all
    select * from named_targets
    union all
    select * from unnamed_targets
)

select * from targets

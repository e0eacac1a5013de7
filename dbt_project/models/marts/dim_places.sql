-- Every place a fact or a target points at: the places claims name (at their own
-- precision), the regions they lie in, the facilities struck at facility precision and
-- the cities of facilities.csv. One row per place_id, described by its most common
-- spelling.
with

places as (
    select * from {{ ref('int_places_resolved') }}
),

regions as (
    select * from {{ ref('stg_reference__regions') }}
),

strike_claims as (
    select * from {{ ref('int_strike_claims_enriched') }}
),

targets as (
    select * from {{ ref('int_targets_identified') }}
),

place_precisions as (
    select * from {{ ref('place_precisions') }}
),

place_rows as (
    select
        place_id,
        place_name,
        admin1,
        country,
        lat,
        lon,
        place_precision
    from places
    where place_id is not null and place_precision <> 'facility'
    union all
    select
        places.region_key as place_id,
        coalesce(regions.region_name, places.admin1, places.region_key) as place_name,
        coalesce(regions.region_name, places.admin1) as admin1,
        coalesce(regions.country, places.country) as country,
        regions.lat,
        regions.lon,
        'region' as place_precision
    from places
    left join regions
        on places.region_key = regions.region_code
    where places.region_key is not null
    union all
    select
        place_id,
        coalesce(target_name, place_name) as place_name,
        admin1,
        country,
        lat,
        lon,
        'facility' as place_precision
    from strike_claims
    where place_precision = 'facility' and place_id is not null
    union all
    -- Visit destinations at facility precision keep their own key.
    select
        place_id,
        place_name,
        admin1,
        country,
        lat,
        lon,
        place_precision
    from places
    where place_precision = 'facility' and mention_kind = 'visit'
    union all
    select
        place_id,
        place_name,
        admin1,
        country,
        lat,
        lon,
        case when target_source = 'named_in_claims' then 'region' else 'city' end as place_precision
    from targets
    where place_id is not null
),

places_deduplicated as (
    select
        place_rows.place_id,
        {{ mode_of('place_rows.place_name') }} as place_name,
        {{ mode_of('place_rows.admin1') }} as admin1,
        {{ mode_of('place_rows.country') }} as country,
        -- rounded to ~1 m and the same in every run (rounded_mean)
        {{ rounded_mean("place_rows.lat") }} as lat,
        {{ rounded_mean("place_rows.lon") }} as lon,
        arg_min(place_rows.place_precision, place_precisions.place_precision_code) as place_precision,
        min(place_precisions.place_precision_code) as place_precision_code
    from place_rows
    left join place_precisions
        on place_rows.place_precision = place_precisions.place_precision
    group by place_rows.place_id
)

select * from places_deduplicated

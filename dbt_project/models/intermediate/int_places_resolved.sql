-- Every place mention (strike places, visit destinations, facility cities) with its
-- region resolved against regions.csv and a place_id at its own precision:
--   country  -> 'RU'                   region -> 'RU-SAR'
--   city     -> 'RU-SAR/engels'        facility -> 'RU-SAR/kristall-oil-depot'
-- (int_strike_claims_enriched replaces a struck facility's place_id by its target_id).
-- A region that regions.csv does not know keeps a readable fallback key 'RU:saratov'.
with

strike_claims as (
    select * from {{ ref('stg_raw__strike_claims') }}
),

visit_claims as (
    select * from {{ ref('stg_raw__visit_claims') }}
),

facilities as (
    select * from {{ ref('stg_reference__facilities') }}
),

region_names as (
    select * from {{ ref('int_region_names_unpivoted') }}
),

place_mentions as (
    select
        'strike' as mention_kind,
        claim_id as mention_id,
        place_name,
        admin1,
        country,
        lat,
        lon,
        place_precision
    from strike_claims
    where place_precision is not null
    union all
    select
        'visit' as mention_kind,
        claim_id as mention_id,
        destination_name as place_name,
        admin1,
        country,
        lat,
        lon,
        place_precision
    from visit_claims
    union all
    -- Facilities' cities are places too: dim_targets points at them.
    select
        'facility' as mention_kind,
        facility_id as mention_id,
        city as place_name,
        admin1,
        country,
        lat,
        lon,
        'city' as place_precision
    from facilities
    where city is not null
),

mentions_with_lookup as (
    select
        *,
        {{ normalise_name('region_text') }} as region_exact_key,
        {{ region_stem('region_text') }} as region_stem_key,
        {{ normalise_name('place_name') }} as place_exact_key
    from (
        select
            *,
            -- The text that names the region: the admin1 field, or the place itself when
            -- the place is a region.
            case
                when place_precision = 'region' then coalesce(admin1, place_name)
                when place_precision = 'country' then null
                else admin1
            end as region_text
        from place_mentions
    ) as mentions_with_region_text
),

-- Keys are computed once above so that every match below is an equality join.
region_candidates as (
    select
        mentions.mention_kind,
        mentions.mention_id,
        region_names.region_code,
        region_names.region_name,
        region_names.country as region_country,
        region_names.lat as region_lat,
        region_names.lon as region_lon,
        1 as match_rank
    from mentions_with_lookup as mentions
    inner join region_names
        on mentions.region_exact_key = region_names.exact_key
    where mentions.country is null or region_names.country is null or mentions.country = region_names.country
    union all
    select
        mentions.mention_kind,
        mentions.mention_id,
        region_names.region_code,
        region_names.region_name,
        region_names.country as region_country,
        region_names.lat as region_lat,
        region_names.lon as region_lon,
        case when region_names.region_kind <> 'city' then 2 else 3 end as match_rank
    from mentions_with_lookup as mentions
    inner join region_names
        on mentions.region_stem_key = region_names.stem_key
    where mentions.country is null or region_names.country is null or mentions.country = region_names.country
    union all
    -- A city given without its region may be a region itself (Kyiv, Moscow, Sevastopol).
    select
        mentions.mention_kind,
        mentions.mention_id,
        region_names.region_code,
        region_names.region_name,
        region_names.country as region_country,
        region_names.lat as region_lat,
        region_names.lon as region_lon,
        4 as match_rank
    from mentions_with_lookup as mentions
    inner join region_names
        on mentions.place_exact_key = region_names.exact_key
    where
        mentions.place_precision = 'city'
        and mentions.admin1 is null
        and region_names.region_kind = 'city'
        and (mentions.country is null or mentions.country = region_names.country)
),

best_region as (
    select *
    from region_candidates
    qualify row_number() over (
        partition by mention_kind, mention_id order by match_rank, region_code
    ) = 1
),

mentions_with_region as (
    select
        mentions.*,
        best_region.region_code,
        best_region.region_lat,
        best_region.region_lon,
        coalesce(mentions.country, best_region.region_country) as resolved_country,
        coalesce(best_region.region_name, mentions.admin1) as resolved_admin1,
        coalesce(
            best_region.region_code,
            coalesce(mentions.country, 'XX') || ':'
            || coalesce(mentions.region_stem_key, mentions.region_exact_key)
        ) as region_key
    from mentions_with_lookup as mentions
    left join best_region
        on
            mentions.mention_kind = best_region.mention_kind
            and mentions.mention_id = best_region.mention_id
),

-- A city named without a region takes the region that other mentions of the same city
-- name in the same country give, when they all give one.
city_regions_seen as (
    select
        resolved_country,
        {{ slugify('place_name') }} as city_slug,
        min(region_key) as region_key
    from mentions_with_region
    where place_precision = 'city' and region_key is not null
    group by resolved_country, {{ slugify('place_name') }}
    having count(distinct region_key) = 1
),

keyed as (
    select
        mentions.mention_kind,
        mentions.mention_id,
        mentions.place_name,
        mentions.resolved_admin1 as admin1,
        mentions.resolved_country as country,
        coalesce(mentions.lat, case when mentions.place_precision = 'region' then mentions.region_lat end)
            as lat,
        coalesce(mentions.lon, case when mentions.place_precision = 'region' then mentions.region_lon end)
            as lon,
        mentions.place_precision,
        mentions.region_code,
        coalesce(mentions.region_key, city_regions_seen.region_key) as region_key,
        case
            when mentions.place_precision in ('city', 'facility')
                then coalesce(
                    mentions.region_key, city_regions_seen.region_key, coalesce(mentions.resolved_country, 'XX')
                )
                || '/' || {{ slugify('mentions.place_name') }}
        end as place_key
    from mentions_with_region as mentions
    left join city_regions_seen
        on
            mentions.region_key is null
            and mentions.place_precision = 'city'
            and city_regions_seen.resolved_country is not distinct from mentions.resolved_country
            and city_regions_seen.city_slug = {{ slugify('mentions.place_name') }}
),

place_ids as (
    select
        *,
        case when place_precision = 'city' then place_key end as city_key,
        case place_precision
            when 'country' then coalesce(country, {{ slugify('place_name') }})
            when 'region' then region_key
            else place_key
        end as place_id
    from keyed
)

select * from place_ids

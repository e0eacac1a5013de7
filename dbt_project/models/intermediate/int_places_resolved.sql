-- Every place mention (strike places, visit destinations, facility cities) with its
-- region resolved against regions.csv and a place_id at its own precision:
--   country  -> 'RU'                   region -> 'RU-SAR'
--   city     -> 'RU-SAR/engels'        facility -> 'RU-SAR/kristall-oil-depot'
-- (int_strike_claims_enriched replaces a struck facility's place_id by its target_id).
-- A region that regions.csv does not know keeps a readable fallback key 'RU:saratov'.
-- What a mention says alone is resolved once per mention in int_place_mentions_regioned; here
-- only what needs all mentions of a city.
-- Incremental by changed row (macros/incremental_changed_rows.sql): computed whole (it needs
-- every mention), but only the rows that changed are written: writing the whole table cost
-- several times the query.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['mention_kind', 'mention_id'],
        on_schema_change='fail',
        pre_hook="{{ delete_vanished_rows(['mention_kind', 'mention_id'], ref('int_place_mentions_regioned')) }}"
    )
}}

with

place_mentions as (
    select * from {{ ref('int_place_mentions_regioned') }}
),

-- A city named without a region takes the region that other mentions of the same city
-- name in the same country give, when they all give one.
city_regions_seen as (
    select
        country,
        place_slug,
        min(region_key) as region_key
    from place_mentions
    where place_precision = 'city' and region_key is not null
    group by country, place_slug
    having count(distinct region_key) = 1
),

keyed as (
    select
        mentions.mention_kind,
        mentions.mention_id,
        mentions.place_name,
        mentions.admin1,
        mentions.country,
        mentions.lat,
        mentions.lon,
        mentions.place_precision,
        mentions.region_code,
        coalesce(mentions.region_key, city_regions_seen.region_key) as region_key,
        case
            when mentions.place_precision in ('city', 'facility')
                then
                    coalesce(mentions.region_key, city_regions_seen.region_key, mentions.country, 'XX')
                    || '/' || mentions.place_slug
        end as place_key,
        mentions.place_slug
    from place_mentions as mentions
    left join city_regions_seen
        on
            mentions.region_key is null
            and mentions.place_precision = 'city'
            and mentions.country is not distinct from city_regions_seen.country
            and mentions.place_slug = city_regions_seen.place_slug
),

place_ids as (
    select
        mention_kind,
        mention_id,
        place_name,
        admin1,
        country,
        lat,
        lon,
        place_precision,
        region_code,
        region_key,
        place_key,
        case when place_precision = 'city' then place_key end as city_key,
        case place_precision
            when 'country' then coalesce(country, place_slug)
            when 'region' then region_key
            else place_key
        end as place_id
    from keyed
)

select * from place_ids
{{ where_row_changed('place_ids') }}

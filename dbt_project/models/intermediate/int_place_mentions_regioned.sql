-- Every place mention (strike places, visit destinations, facilities' cities) with what can be
-- resolved from the mention alone: its region against regions.csv, its country, its coordinates
-- and its name's slug. int_places_resolved adds what needs every mention (a city named without
-- a region takes the region other mentions of it give) and the place ids.
-- Incremental by article (macros/incremental_articles.sql): a build resolves only the mentions
-- of the articles whose records it takes in (the string matching here is the dear part of place
-- resolution), and facilities' cities.
-- depends_on: {{ ref('stg_raw__extraction_records') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_touched_articles(or_where=\"mention_kind = 'facility'\") }}"
    )
}}

with

strike_claims as (
    select * from {{ ref('stg_raw__strike_claims') }}
    {% if is_incremental() -%}
        where article_id in ({{ touched_articles() }})
    {%- endif %}
),

visit_claims as (
    select * from {{ ref('stg_raw__visit_claims') }}
    {% if is_incremental() -%}
        where article_id in ({{ touched_articles() }})
    {%- endif %}
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
        article_id,
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
        article_id,
        destination_name as place_name,
        admin1,
        country,
        lat,
        lon,
        place_precision
    from visit_claims
    union all
    -- Facilities' cities are places too: dim_targets points at them. They belong to no
    -- article, and a build resolves them again (a few hundred rows).
    select
        'facility' as mention_kind,
        facility_id as mention_id,
        cast(null as varchar) as article_id,
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

mentions_resolved as (
    select
        mention_kind,
        mention_id,
        article_id,
        place_name,
        {{ slugify('place_name') }} as place_slug,
        resolved_admin1 as admin1,
        resolved_country as country,
        coalesce(lat, case when place_precision = 'region' then region_lat end) as lat,
        coalesce(lon, case when place_precision = 'region' then region_lon end) as lon,
        place_precision,
        region_code,
        region_key
    from mentions_with_region
)

select * from mentions_resolved

-- Every way a region is written in regions.csv (code, English, Russian, Ukrainian name),
-- as an exact key and as a stem without "Oblast"/"region"/"Republic of" (region_stem).
with

regions as (
    select * from {{ ref('stg_reference__regions') }}
),

name_forms_unnested as (
    select
        region_code,
        region_name,
        country,
        region_kind,
        lat,
        lon,
        unnest([region_code, region_name, region_name_ru, region_name_uk]) as name_form
    from regions
),

name_keys as (
    select distinct
        region_code,
        region_name,
        country,
        region_kind,
        lat,
        lon,
        {{ normalise_name('name_form') }} as exact_key,
        {{ region_stem('name_form') }} as stem_key
    from name_forms_unnested
    where name_form is not null
)

select * from name_keys

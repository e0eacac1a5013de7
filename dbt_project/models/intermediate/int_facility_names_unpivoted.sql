-- Every name and alias of a facility in facilities.csv, as an exact key and as a stem
-- without the words that only say what kind of facility it is (facility_stem).
with

facilities as (
    select * from {{ ref('stg_reference__facilities') }}
),

names_unnested as (
    select
        facility_id,
        target_type,
        country,
        unnest(list_prepend(facility_name, facility_aliases)) as facility_name_form
    from facilities
),

name_keys as (
    select distinct
        facility_id,
        target_type,
        country,
        {{ normalise_name('facility_name_form') }} as exact_key,
        {{ facility_stem('facility_name_form') }} as stem_key
    from names_unnested
    where facility_name_form is not null
)

select * from name_keys

with

source as (
    select * from {{ ref('facilities') }}
),

renamed as (
    select
        ---------- ids
        trim(facility_id) as facility_id,

        ---------- properties
        name as facility_name,
        list_filter(
            list_transform(string_split(coalesce(aliases, ''), '|'), alias_text -> trim(alias_text)),
            alias_text -> alias_text <> ''
        ) as facility_aliases,
        target_type,
        nullif(trim(operator), '') as operator,
        nullif(trim(capacity), '') as capacity,

        ---------- where
        nullif(trim(city), '') as city,
        nullif(trim(admin1), '') as admin1,
        upper(nullif(trim(country), '')) as country,
        lat,
        lon

    from source
    where nullif(trim(facility_id), '') is not null
)

select * from renamed

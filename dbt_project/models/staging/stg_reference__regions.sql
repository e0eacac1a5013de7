with

source as (
    select * from {{ ref('regions') }}
),

renamed as (
    select
        ---------- ids
        upper(trim(iso_code)) as region_code,

        ---------- properties
        name_en as region_name,
        name_ru as region_name_ru,
        name_uk as region_name_uk,
        upper(nullif(trim(country), '')) as country,
        kind as region_kind,

        ---------- coordinates
        lat,
        lon

    from source
    where nullif(trim(iso_code), '') is not null
)

select * from renamed

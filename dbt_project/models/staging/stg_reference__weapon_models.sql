with

source as (
    select * from {{ ref('weapon_models') }}
),

renamed as (
    select
        ---------- ids
        model as weapon_model,

        ---------- properties
        list_filter(
            list_transform(string_split(coalesce(aliases, ''), '|'), alias_text -> trim(alias_text)),
            alias_text -> alias_text <> ''
        ) as weapon_model_aliases,
        weapon,
        coalesce(is_recon, false) as is_recon,
        note as weapon_model_note

    from source
    where nullif(trim(model), '') is not null
)

select * from renamed

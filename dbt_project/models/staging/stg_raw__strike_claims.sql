-- Incremental (macros/incremental_claims.sql): a build unnests only records of new loads.
-- Struct fields of the unnested claim (claim.date) look like qualified references to sqlfluff.
-- noqa: disable=RF03
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_replaced_claims() }}"
    )
}}

with

extraction_records as (
    {{ new_extraction_records() }}
),

claims_unnested as (
    {{ unnest_claims('strikes') }}
),

renamed as (
    select
        ---------- ids
        {{ claim_id_columns() }},

        ---------- when
        claim.date as event_date,
        claim.date_precision,

        ---------- who and what
        claim.attacker,
        claim.weapon,
        {{ claimant_columns() }},

        ---------- where
        claim.place.name as place_name,
        claim.place.admin1,
        claim.place.country,
        claim.place.lat,
        claim.place.lon,
        claim.place.precision as place_precision,

        ---------- target and outcome
        claim.target.name as target_name,
        claim.target.type as target_type,
        claim.target_count,
        claim.outcome,
        claim.killed,
        claim.injured,

        ---------- evidence
        {{ evidence_columns() }}

    from claims_unnested
)

select * from renamed

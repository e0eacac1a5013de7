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
    {{ unnest_claims('interceptions') }}
),

renamed as (
    select
        ---------- ids
        {{ claim_id_columns() }},

        ---------- when
        claim.date as claim_date,
        claim.date_precision,
        {{ utc_timestamp('claim.window_start') }} as window_start,
        {{ utc_timestamp('claim.window_end') }} as window_end,

        ---------- who and what
        claim.attacker,
        claim.defender,
        claim.weapon,
        claim.weapon_model,
        {{ claimant_columns() }},

        ---------- figures
        claim.launched,
        claim.intercepted,
        claim.lost,
        claim.regions,
        len(claim.regions) as region_count,
        claim.regions_complete,

        ---------- evidence
        {{ evidence_columns() }}

    from claims_unnested
)

select * from renamed

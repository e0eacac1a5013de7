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
    {{ unnest_claims('visits') }}
),

renamed as (
    select
        ---------- ids
        {{ claim_id_columns() }},

        ---------- when
        claim.date as visit_date,
        claim.date_precision,

        ---------- who
        claim.visitor.name as visitor_name,
        claim.visitor.role as visitor_role,
        claim.visitor.country as visitor_country,
        {{ claimant_columns() }},

        ---------- where
        claim.destination.name as destination_name,
        claim.destination.admin1,
        claim.destination.country,
        claim.destination.lat,
        claim.destination.lon,
        claim.destination.precision as place_precision,

        ---------- what
        claim.kind as visit_kind,
        claim.announced,
        claim.topics,

        ---------- evidence
        {{ evidence_columns() }}

    from claims_unnested
)

select * from renamed

-- Strike claims with their place resolved, their target identified and lookups joined.
-- Target identification, in order (target_match says which applied):
--   facility_name       the target's name (or a facility-level place's name) is a name or
--                       alias of one facility in facilities.csv;
--   facility_name_stem  without words like "oil", "refinery", "depot" it is one facility's
--                       name, and the types agree ("Ryazan refinery" = Ryazan oil refinery);
--   facility_alias_in_name
--                       a name or alias (4+ characters) of one facility appears as whole
--                       words in the name, and the types agree ("NORSI refinery (Lukoil-...)");
--   named_target        a named target that facilities.csv does not know: its id is
--                       region/type/name-stem, so two spellings with one stem meet;
--   only_known_target_of_type_in_city
--                       a city-level claim of a facility type without a name ("an oil
--                       depot in Engels") whose city holds exactly one known target of
--                       that type (facilities.csv or named in other claims; a named target
--                       without a city counts when it lies within 10 km).
-- The first three are decided claim by claim, once, in int_strike_target_names_matched; the
-- last two need every claim (a region resolved from other mentions, other claims' targets).
-- Incremental by changed row (macros/incremental_changed_rows.sql): computed whole (it needs
-- every claim), but only the rows that changed are written: writing the whole table cost
-- several times the query.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='claim_id',
        on_schema_change='fail',
        pre_hook="{{ delete_vanished_rows('claim_id', ref('stg_raw__strike_claims')) }}"
    )
}}

with

strike_claims as (
    select * from {{ ref('stg_raw__strike_claims') }}
),

places as (
    select * from {{ ref('int_places_resolved') }}
),

facilities as (
    select * from {{ ref('stg_reference__facilities') }}
),

target_names as (
    select * from {{ ref('int_strike_target_names_matched') }}
),

target_types as (
    select * from {{ ref('target_types') }}
),

place_precisions as (
    select * from {{ ref('place_precisions') }}
),

date_precisions as (
    select * from {{ ref('date_precisions') }}
),

claimant_roles as (
    select * from {{ ref('claimant_roles') }}
),

claims_with_places as (
    select
        strike_claims.claim_id,
        strike_claims.record_claim_id,
        strike_claims.article_id,
        strike_claims.extractor_name,
        strike_claims.extractor_version,
        strike_claims.outlet,
        strike_claims.published_at,
        strike_claims.event_date,
        strike_claims.date_precision,
        strike_claims.attacker,
        strike_claims.weapon,
        strike_claims.claimant_name,
        strike_claims.claimant_role,
        strike_claims.claimant_side,
        strike_claims.place_name,
        strike_claims.place_precision,
        strike_claims.target_name as given_target_name,
        strike_claims.target_type,
        strike_claims.target_count,
        strike_claims.outcome,
        strike_claims.killed,
        strike_claims.injured,
        strike_claims.evidence_text,
        strike_claims.evidence_start,
        strike_claims.evidence_end,
        places.admin1,
        places.country,
        places.lat,
        places.lon,
        places.region_key,
        places.city_key,
        places.place_id as given_place_id,
        target_types.target_family,
        target_types.is_facility as is_facility_target,
        target_types.is_generic as is_generic_target,
        target_names.named_target,
        target_names.named_target_stem,
        target_names.facility_id as matched_facility_id,
        target_names.match_rank as facility_match_rank
    from strike_claims
    left join places
        on
            places.mention_kind = 'strike'
            and strike_claims.claim_id = places.mention_id
    left join target_types
        on strike_claims.target_type = target_types.target_type
    left join target_names
        on strike_claims.claim_id = target_names.claim_id
),

facility_places as (
    select
        facilities.facility_id,
        facilities.facility_name,
        facilities.target_type,
        facilities.lat,
        facilities.lon,
        places.region_key,
        places.city_key
    from facilities
    left join places
        on
            places.mention_kind = 'facility'
            and facilities.facility_id = places.mention_id
),

claims_with_named_targets as (
    select
        claims.*,
        facility_places.facility_name,
        coalesce(claims.lat, facility_places.lat) as target_lat,
        coalesce(claims.lon, facility_places.lon) as target_lon,
        coalesce(claims.city_key, facility_places.city_key) as effective_city_key,
        case
            when claims.matched_facility_id is not null then claims.matched_facility_id
            when claims.named_target_stem is not null
                then
                    coalesce(claims.region_key, claims.country, 'XX') || '/' || claims.target_type || '/'
                    || replace(claims.named_target_stem, ' ', '-')
        end as named_target_id,
        case
            when claims.facility_match_rank = 1 then 'facility_name'
            when claims.facility_match_rank = 2 then 'facility_name_stem'
            when claims.facility_match_rank = 3 then 'facility_alias_in_name'
            when claims.named_target_stem is not null then 'named_target'
        end as named_target_match
    from claims_with_places as claims
    left join facility_places
        on claims.matched_facility_id = facility_places.facility_id
),

known_targets as (
    select
        facility_id as target_id,
        target_type,
        region_key,
        city_key,
        lat,
        lon
    from facility_places
    union all
    select
        named_target_id as target_id,
        min(target_type) as target_type,
        min(region_key) as region_key,
        cast(null as varchar) as city_key,
        {{ rounded_mean("target_lat") }} as lat,
        {{ rounded_mean("target_lon") }} as lon
    from claims_with_named_targets
    where named_target_match = 'named_target'
    group by named_target_id
),

city_type_candidates as (
    select
        claims.claim_id,
        known_targets.target_id
    from claims_with_named_targets as claims
    inner join known_targets
        on
            claims.region_key = known_targets.region_key
            and claims.target_type = known_targets.target_type
            and (
                claims.city_key = known_targets.city_key
                or (
                    known_targets.city_key is null
                    and {{ haversine_km('claims.lat', 'claims.lon', 'known_targets.lat', 'known_targets.lon') }} <= 10
                )
            )
    where
        claims.place_precision = 'city'
        and claims.named_target_id is null
        and claims.is_facility_target
        and not claims.is_generic_target
),

city_type_matches as (
    select
        claim_id,
        min(target_id) as target_id
    from city_type_candidates
    group by claim_id
    having count(distinct target_id) = 1
),

claimant_scopes as (
    select
        claims.claim_id,
        coalesce(
            claimant_roles.claimant_scope,
            case
                when claims.claimant_name is null and claims.claimant_role is null then 'unattributed'
                when claims.claimant_name ilike '%air command%' then 'regional'
                when claims.claimant_role ilike '%regional%' then 'regional'
                else 'other'
            end
        ) as claimant_scope
    from claims_with_named_targets as claims
    left join claimant_roles
        on lower(trim(claims.claimant_role)) = claimant_roles.claimant_role
),

enriched as (
    select
        ---------- ids
        claims.claim_id,
        claims.record_claim_id,
        claims.article_id,
        claims.extractor_name,
        claims.extractor_version,

        ---------- article
        claims.outlet,
        claims.published_at,

        ---------- when
        claims.event_date,
        claims.date_precision,
        date_precisions.date_precision_code,

        ---------- who and what
        claims.attacker,
        claims.weapon,
        claims.claimant_name,
        claims.claimant_role,
        claims.claimant_side,
        claimant_scopes.claimant_scope,

        ---------- where
        case
            when claims.place_precision = 'facility'
                then coalesce(claims.named_target_id, city_type_matches.target_id, claims.given_place_id)
            else claims.given_place_id
        end as place_id,
        claims.place_name,
        claims.admin1,
        claims.country,
        claims.target_lat as lat,
        claims.target_lon as lon,
        claims.place_precision,
        place_precisions.place_precision_code,
        claims.region_key,
        claims.effective_city_key as city_key,

        ---------- target
        coalesce(claims.named_target_id, city_type_matches.target_id) as target_id,
        coalesce(
            claims.named_target_match,
            case when city_type_matches.target_id is not null then 'only_known_target_of_type_in_city' end
        ) as target_match,
        coalesce(claims.facility_name, claims.named_target) as target_name,
        claims.target_type,
        claims.target_family,
        claims.is_facility_target,
        claims.is_generic_target,

        ---------- figures and outcome
        claims.target_count,
        claims.outcome,
        claims.killed,
        claims.injured,

        ---------- evidence
        claims.evidence_text,
        claims.evidence_start,
        claims.evidence_end

    from claims_with_named_targets as claims
    left join city_type_matches
        on claims.claim_id = city_type_matches.claim_id
    left join claimant_scopes
        on claims.claim_id = claimant_scopes.claim_id
    left join date_precisions
        on claims.date_precision = date_precisions.date_precision
    left join place_precisions
        on claims.place_precision = place_precisions.place_precision
)

select * from enriched
{{ where_row_changed('enriched') }}

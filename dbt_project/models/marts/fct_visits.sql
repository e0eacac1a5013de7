-- One row per visit (person x destination x date, int_visit_claims_matched). announced
-- is what most sources say, "unannounced" on a tie (the notable fact); topics are every
-- source's topics, each once.
with

visit_claims as (
    select * from {{ ref('stg_raw__visit_claims') }}
),

visit_matches as (
    select * from {{ ref('int_visit_claims_matched') }}
),

places as (
    select * from {{ ref('int_places_resolved') }}
),

place_precisions as (
    select * from {{ ref('place_precisions') }}
),

claims_matched as (
    select
        visit_claims.*,
        visit_matches.visit_id,
        visit_matches.visitor_actor_id,
        visit_matches.place_id,
        visit_matches.admin1 as resolved_admin1,
        visit_matches.country as resolved_country,
        visit_matches.date_precision_code,
        places.lat as resolved_lat,
        places.lon as resolved_lon,
        place_precisions.place_precision_code
    from visit_claims
    inner join visit_matches
        on visit_claims.claim_id = visit_matches.claim_id
    left join places
        on
            places.mention_kind = 'visit'
            and visit_claims.claim_id = places.mention_id
    left join place_precisions
        on visit_claims.place_precision = place_precisions.place_precision
),

topics_unnested as (
    select distinct
        visit_id,
        lower(trim(unnest(topics))) as topic
    from claims_matched
),

visit_topics as (
    select
        visit_id,
        string_agg(topic, '; ' order by topic) as topics
    from topics_unnested
    where topic <> ''
    group by visit_id
),

visits as (
    select
        ---------- ids
        claims_matched.visit_id,

        ---------- when
        min(claims_matched.visit_date) as visit_date,
        min(claims_matched.date_precision_code) as date_precision_code,

        ---------- who
        min(claims_matched.visitor_actor_id) as visitor_actor_id,
        {{ mode_of('claims_matched.visitor_name') }} as visitor_name,
        {{ mode_of('claims_matched.visitor_role') }} as visitor_role,
        {{ mode_of('claims_matched.visitor_country') }} as visitor_country,

        ---------- where
        min(claims_matched.place_id) as place_id,
        {{ mode_of('claims_matched.destination_name') }} as destination_name,
        {{ mode_of('claims_matched.resolved_admin1') }} as admin1,
        {{ mode_of('claims_matched.resolved_country') }} as country,
        {{ rounded_mean("claims_matched.resolved_lat") }} as lat,
        {{ rounded_mean("claims_matched.resolved_lon") }} as lon,
        min(claims_matched.place_precision) as place_precision,
        min(claims_matched.place_precision_code) as place_precision_code,

        ---------- what
        {{ mode_of('claims_matched.visit_kind') }} as kind,
        case
            when
                count(*) filter (where not claims_matched.announced) > 0
                and count(*) filter (where not claims_matched.announced)
                >= count(*) filter (where claims_matched.announced)
                then false
            when count(*) filter (where claims_matched.announced) > 0 then true
        end as announced,

        ---------- sources
        cast(count(*) as integer) as claim_count,
        cast(count(distinct claims_matched.article_id) as integer) as source_count

    from claims_matched
    group by claims_matched.visit_id
),

visits_with_topics as (
    select
        visits.*,
        visit_topics.topics
    from visits
    left join visit_topics
        on visits.visit_id = visit_topics.visit_id
)

select * from visits_with_topics

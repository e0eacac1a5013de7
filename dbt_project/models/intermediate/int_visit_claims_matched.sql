-- Visit resolution: one visit per person x destination x date. Claims merge when the
-- visitor's name is the same once normalised (case, accents, punctuation), the
-- destination resolves to the same place_id (int_places_resolved) and the date is the
-- same (claims not dated to the day merge only with the same date and precision; undated
-- ones only within their article). The first claim (earliest published) is new_visit,
-- the others same_person_place_date. Replace this one model to change the rule.
with

visit_claims as (
    select * from {{ ref('stg_raw__visit_claims') }}
),

places as (
    select * from {{ ref('int_places_resolved') }}
),

date_precisions as (
    select * from {{ ref('date_precisions') }}
),

claims_with_places as (
    select
        visit_claims.*,
        places.place_id,
        places.admin1 as resolved_admin1,
        places.country as resolved_country,
        date_precisions.date_precision_code,
        {{ normalise_name('visit_claims.visitor_name') }} as visitor_key,
        case
            when visit_claims.date_precision = 'day' and visit_claims.visit_date is not null
                then cast(visit_claims.visit_date as varchar)
            else
                coalesce(visit_claims.date_precision, 'unknown') || ':'
                || coalesce(cast(visit_claims.visit_date as varchar), 'undated:' || visit_claims.article_id)
        end as date_key
    from visit_claims
    left join places
        on
            places.mention_kind = 'visit'
            and visit_claims.claim_id = places.mention_id
    left join date_precisions
        on visit_claims.date_precision = date_precisions.date_precision
),

matched as (
    select
        claim_id,
        'visit_' || substr(md5(visitor_key || '|' || coalesce(place_id, '?') || '|' || date_key), 1, 16)
            as visit_id,
        'actor_' || substr(md5('visitor|' || visitor_key), 1, 16) as visitor_actor_id,
        place_id,
        resolved_admin1 as admin1,
        resolved_country as country,
        date_precision_code,
        case
            when row_number() over (
                partition by visitor_key, place_id, date_key order by published_at asc nulls last, claim_id asc
            ) = 1 then 'new_visit'
            else 'same_person_place_date'
        end as match_reason
    from claims_with_places
)

select * from matched

{#- Whether two strike claims' target types can describe the same target: the same type;
    or either is unknown/other; or one is a generic type (industrial) of the other's family
    (an "industrial facility" can be the refinery another source names). `left` and `right`
    are relation aliases with target_type, target_family and is_generic_target. -#}
{% macro target_types_compatible(left, right) -%}
    (
        {{ left }}.target_type = {{ right }}.target_type
        or {{ left }}.target_family = 'any'
        or {{ right }}.target_family = 'any'
        or ({{ left }}.is_generic_target and {{ left }}.target_family = {{ right }}.target_family)
        or ({{ right }}.is_generic_target and {{ right }}.target_family = {{ left }}.target_family)
    )
{%- endmacro %}

{#- Anchored date islands, as CTEs named `<name>`. Input: a relation with group_key and
    day_date. A new island starts at the first date more than one day after the start of
    the current island, so Jan 13 and 14 join and Jan 15 starts anew (a plain gap rule
    would chain a strike a night for a week into one event).
    That rule needs no recursion: within a run of consecutive dates starting at r the
    islands start at r, r+2, r+4, ..., and a gap of two days or more starts a new run.
    Runs are the classic gaps-and-islands (day_date minus its row number is constant
    along a run). Output rows: group_key, day_date, island_start. -#}
{% macro date_islands(input_relation, name) -%}
    {{ name }}_runs as (
        select
            group_key,
            day_date,
            day_date - cast(row_number() over (partition by group_key order by day_date) as integer) as run_anchor
        from (select distinct group_key, day_date from {{ input_relation }} where day_date is not null) as distinct_dates
    ),

    {{ name }}_run_starts as (
        select
            group_key,
            day_date,
            min(day_date) over (partition by group_key, run_anchor) as run_start
        from {{ name }}_runs
    ),

    {{ name }} as (
        select
            group_key,
            day_date,
            run_start + cast(2 * ((day_date - run_start) // 2) as integer) as island_start
        from {{ name }}_run_starts
    )
{%- endmacro %}

{#- One row per event of a matching stage: what a vaguer claim is compared with.
    `assignments` has claim_id and event_key; claims come from the CTE claims_keyed. -#}
{% macro strike_event_profiles(assignments) -%}
    select {{ strike_event_profile_columns('claims') }}
    from (
        select
            assignments.event_key,
            claims_keyed.*
        from {{ assignments }} as assignments
        inner join claims_keyed
            on assignments.claim_id = claims_keyed.claim_id
    ) as claims
    group by claims.event_key
{%- endmacro %}

{#- The profile of an event, aggregated over its claims `claims` (event_key and the columns of
    claims_keyed), grouped by event_key. -#}
{% macro strike_event_profile_columns(claims) -%}
        {{ claims }}.event_key,
        min({{ claims }}.attacker_key) as attacker_key,
        {{ mode_of(claims ~ '.region_key') }} as region_key,
        {{ mode_of(claims ~ '.city_key') }} as city_key,
        {{ rounded_mean(claims ~ '.lat') }} as lat,
        {{ rounded_mean(claims ~ '.lon') }} as lon,
        min({{ claims }}.day_date) as first_date,
        max({{ claims }}.day_date) as last_date,
        coalesce(
            {{ mode_of(claims ~ '.target_type', "not " ~ claims ~ ".is_generic_target") }},
            {{ mode_of(claims ~ '.target_type') }}
        ) as target_type,
        coalesce(
            {{ mode_of(claims ~ '.target_family', "not " ~ claims ~ ".is_generic_target") }},
            {{ mode_of(claims ~ '.target_family') }}
        ) as target_family,
        bool_and({{ claims }}.is_generic_target) as is_generic_target
{%- endmacro %}

{#- Claims of `claims_relation` (claim_id, attacker_key, region_key, city_key, lat, lon,
    day_date, target types) matched to events of `profiles_relation` in the same place:
    same attacker, a date within a day of the event's dates, compatible target types;
    `same_city` adds: the same city, or within 10 km of an event whose city is unknown. -#}
{% macro strike_attachment_candidates(claims_relation, profiles_relation, same_city) -%}
    select
        claims.claim_id,
        profiles.event_key,
        claims.day_date between profiles.first_date and profiles.last_date as is_same_day
    from {{ claims_relation }} as claims
    inner join {{ profiles_relation }} as profiles
        on claims.attacker_key = profiles.attacker_key
        and claims.region_key = profiles.region_key
        and claims.day_date between profiles.first_date - 1 and profiles.last_date + 1
        and {{ target_types_compatible('claims', 'profiles') }}
        {%- if same_city %}
        and (
            claims.city_key = profiles.city_key
            or (
                profiles.city_key is null
                and {{ haversine_km('claims.lat', 'claims.lon', 'profiles.lat', 'profiles.lon') }} <= 10
            )
        )
        {%- endif %}
{%- endmacro %}

{#- Claims joined to their one candidate event: the only candidate, or else the only
    candidate on the claim's very date (a claim of the 14th between events of the 13th-14th
    and of the 15th joins the former). Several candidates leave the claim unattached. -#}
{% macro strike_attachments(candidates_relation, match_reason) -%}
    select
        claim_id,
        case
            when count(distinct event_key) = 1 then min(event_key)
            else min(event_key) filter (where is_same_day)
        end as event_key,
        '{{ match_reason }}' as match_reason,
        false as founds_event,
        cast(null as varchar) as event_target_id,
        cast(null as varchar) as group_key,
        cast(null as date) as island_start
    from {{ candidates_relation }}
    group by claim_id
    having count(distinct event_key) = 1 or count(distinct event_key) filter (where is_same_day) = 1
{%- endmacro %}

{#- int_strike_claims_matched is incremental by event (incremental_strategy 'strike_events').

    Strike matching is global in principle (a new claim can re-anchor a run of dates, change
    an event's profile, and so re-attach vaguer claims), but each step depends only on a few
    things that a build can tell changed:
      - a claim is changed when its keyed row (the columns of claims_keyed: where, when, who,
        which target) differs from the stored copy: new, replaced, gone, or altered upstream
        (a seed, a new named target that re-identifies it);
      - a founding group's events (group key + island start) change only on the dates whose
        island start changes, or that a group gains or loses: the islands of a touched group
        are recomputed from its dates and compared with the stored ones; a claim on a date
        whose island is unchanged keeps its event;
      - a vaguer claim's attachment depends only on the profiles of the events of the stages
        before it (one row per event and stage, kept in `<model>__event_profiles`); it can
        change only when it is a candidate of a dirty event (one a recomputed claim was or is
        in) under the stored profile or the new one, or when the claim itself changed.
    Stage by stage (targets, cities, vague cities, regions and wider) the claims so found are
    recomputed with the model's rules against the stored state of the rest; then every claim
    of a dirty event is ranked again (founding claim, new_event, event target) and rewritten,
    and the dirty events' profiles are stored again. Everything else is left as it is: each
    step's inputs are unchanged for it. A change of the matching SQL (this file,
    strike_matching.sql or the model) needs `warehouse build --full-refresh`; a change of a
    seed or an upstream model does not (it shows as changed keyed rows). -#}

{#- The columns a claim is matched on, stored with its result so a later build can tell what
    changed. -#}
{% macro strike_keyed_columns() -%}
    {{ return([
        'claim_id', 'match_stage', 'article_id', 'published_at', 'place_precision', 'region_key',
        'city_key', 'country', 'lat', 'lon', 'target_id', 'target_type', 'target_family',
        'is_facility_target', 'is_generic_target', 'attacker_key', 'day_date', 'date_key'
    ]) }}
{%- endmacro %}

{#- The keyed columns but `exclude`, comma-separated, each qualified by `relation` if given. -#}
{% macro strike_keyed_column_list(relation=none, exclude=[]) -%}
    {%- for column in strike_keyed_columns() if column not in exclude -%}
        {{ relation ~ '.' if relation }}{{ column }}{{ ', ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{#- Strike claims keyed for matching: dates, attacker and the stage a claim is matched in. -#}
{% macro strike_claims_keyed(claims) -%}
    select
        claim_id,
        case
            when target_id is not null then 'target'
            when place_precision = 'city' and not is_generic_target then 'city'
            when place_precision = 'city' then 'city_vague'
            when place_precision in ('region', 'facility') then 'region'
            when place_precision = 'country' then 'country'
            else 'no_place'
        end as match_stage,
        article_id,
        published_at,
        place_precision,
        region_key,
        city_key,
        country,
        lat,
        lon,
        target_id,
        target_type,
        target_family,
        is_facility_target,
        is_generic_target,
        coalesce(attacker, '?') as attacker_key,
        case when date_precision = 'day' then event_date end as day_date,
        case
            when date_precision = 'day' and event_date is not null then 'day'
            else
                coalesce(date_precision, 'unknown') || ':'
                || coalesce(cast(event_date as varchar), 'undated:' || article_id)
        end as date_key
    from {{ claims }}
{%- endmacro %}

{#- The event of every assignment ranked: its founding claim (a claim that founds the event
    first, then the earliest published, then claim_id) is new_event, and the event's target is
    the one any of its claims gives. `assignments` has claim_id, event_key, assigned_reason,
    founds_event, assigned_target_id, group_key, island_start and the keyed columns. -#}
{% macro strike_events_ranked(assignments) -%}
    select
        ranked.claim_id,
        'strike_' || substr(md5(ranked.event_key), 1, 16) as strike_id,
        case when ranked.rank_in_event = 1 then 'new_event' else ranked.assigned_reason end as match_reason,
        first_value(ranked.claim_id) over (partition by ranked.event_key order by ranked.rank_in_event)
            as founding_claim_id,
        ranked.event_target_id,
        ranked.match_stage,
        ranked.event_key,
        ranked.group_key,
        ranked.island_start,
        ranked.assigned_reason,
        ranked.founds_event,
        ranked.assigned_target_id,
        {%- for column in strike_keyed_columns() if column not in ('claim_id', 'match_stage') %}
        ranked.{{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from (
        select
            *,
            max(assigned_target_id) over (partition by event_key) as event_target_id,
            row_number() over (
                partition by event_key
                order by founds_event desc, published_at asc nulls last, claim_id asc
            ) as rank_in_event
        from {{ assignments }}
    ) as ranked
{%- endmacro %}

{#- The stages whose events a claim of `stage` is compared with. -#}
{% macro strike_profile_member_stages(stage) -%}
    {%- set members = {
        'city': ['target'],
        'city_vague': ['target', 'city'],
        'region': ['target', 'city', 'city_vague'],
    } -%}
    {{ return(members[stage]) }}
{%- endmacro %}

{#- Event profiles of every stage (the events a city, vague city or region claim is compared
    with), from matched claims with their keyed columns. -#}
{% macro strike_profiles_of(matched, where='true') -%}
    {%- for stage in ['city', 'city_vague', 'region'] %}
    select
        '{{ stage }}' as profile_stage,
        {{ strike_event_profile_columns('claims') }}
    from {{ matched }} as claims
    where
        claims.match_stage in ('{{ strike_profile_member_stages(stage) | join("', '") }}')
        and ({{ where }})
    group by claims.event_key
    {{ 'union all' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{% macro strike_profiles_relation(relation) -%}
    {{ return(relation.incorporate(path={'identifier': relation.identifier ~ '__event_profiles'})) }}
{%- endmacro %}

{#- Post-hook of the model: a full build stores every event's profiles (an incremental build
    keeps them up to date itself). -#}
{% macro store_strike_event_profiles() -%}
    {%- set profiles = strike_profiles_relation(this) -%}
    {%- if should_full_refresh() or load_relation(this) is none
        or adapter.get_relation(database=profiles.database, schema=profiles.schema, identifier=profiles.identifier) is none
        or not is_incremental() -%}
        create or replace table {{ profiles }} as
        {{ strike_profiles_of(this) }}
    {%- else -%}
        select 1
    {%- endif %}
{%- endmacro %}

{#- Group keys, reasons and targets of the claims that found their own events. -#}
{% macro strike_founding_rules(step) -%}
    {%- if step == 'target' -%}
        {%- set rules = {
            'stages': ['target'],
            'group_key': "'target|' || claims.attacker_key || '|' || claims.target_id || '|' || claims.date_key",
            'reason': "'same_target'",
            'target': 'claims.target_id',
        } -%}
    {%- elif step in ('city', 'city_vague') -%}
        {%- set rules = {
            'stages': [step],
            'group_key': "'city|' || claims.attacker_key || '|' || claims.city_key || '|' || claims.target_type || '|' || claims.date_key",
            'reason': "'same_place_and_type'",
            'target': "case when claims.is_facility_target then claims.city_key || '/' || claims.target_type end"
                if step == 'city' else 'cast(null as varchar)',
        } -%}
    {%- else -%}
        {%- set rules = {
            'stages': ['region', 'country', 'no_place'],
            'group_key': "case claims.match_stage"
                ~ " when 'region' then 'region|' || claims.attacker_key || '|' || coalesce(claims.region_key, '?')"
                ~ " when 'country' then 'country|' || claims.attacker_key || '|' || coalesce(claims.country, '?')"
                ~ " else 'article|' || claims.attacker_key || '|' || claims.article_id"
                ~ " end || '|' || claims.target_type || '|' || claims.date_key",
            'reason': "case when claims.match_stage = 'no_place' then 'same_article' else 'same_place_and_type' end",
            'target': 'cast(null as varchar)',
        } -%}
    {%- endif -%}
    {{ return(rules) }}
{%- endmacro %}

{#- One step of the incremental matching. `strike_step` holds the claims of the step to be
    decided again (claim_id, attached_event_key: the event it now joins, null when it founds
    its own); `strike_step_gone` those whose stored row of this step no longer holds. -#}
{% macro strike_found_events(step, target, source, attached_reason) -%}
    {%- set rules = strike_founding_rules(step) -%}
    {%- set stages = "('" ~ rules['stages'] | join("', '") ~ "')" -%}
    create or replace temporary table strike_step_ids as
    select claim_id from strike_step
    union
    select stored.claim_id
    from {{ target }} as stored
    where stored.match_stage in {{ stages }} and stored.claim_id in (select changed.claim_id from strike_changed as changed);

    -- Founding groups touched: the stored group of a claim decided again, and its new one.
    create or replace temporary table strike_touched_groups as
    select stored.group_key
    from {{ target }} as stored
    where
        stored.founds_event and stored.match_stage in {{ stages }}
        and stored.claim_id in (select step_ids.claim_id from strike_step_ids as step_ids)
    union
    select {{ rules['group_key'] }}
    from strike_step as step
    inner join {{ source }} as claims
        on step.claim_id = claims.claim_id
    where step.attached_event_key is null;

    -- Their founding claims after this build: the stored ones not decided again, and the
    -- claims decided again that found their own events.
    create or replace temporary table strike_founders as
    select
        stored.claim_id,
        stored.group_key,
        stored.day_date
    from {{ target }} as stored
    where
        stored.founds_event and stored.match_stage in {{ stages }}
        and stored.group_key in (select touched.group_key from strike_touched_groups as touched)
        and stored.claim_id not in (select step_ids.claim_id from strike_step_ids as step_ids)
    union all
    select
        claims.claim_id,
        {{ rules['group_key'] }} as group_key,
        claims.day_date
    from strike_step as step
    inner join {{ source }} as claims
        on step.claim_id = claims.claim_id
    where step.attached_event_key is null;

    create or replace temporary table strike_founder_islands as
    with {{ date_islands('strike_founders', 'founder_islands') }}
    select * from founder_islands;

    -- Dates whose island start changed, or that the group gained or lost.
    create or replace temporary table strike_reanchored as
    select coalesce(new_islands.group_key, stored_islands.group_key) as group_key,
        coalesce(new_islands.day_date, stored_islands.day_date) as day_date
    from strike_founder_islands as new_islands
    full join (
        select distinct stored.group_key, stored.day_date, stored.island_start
        from {{ target }} as stored
        where
            stored.founds_event and stored.match_stage in {{ stages }} and stored.day_date is not null
            and stored.group_key in (select touched.group_key from strike_touched_groups as touched)
    ) as stored_islands
        on new_islands.group_key = stored_islands.group_key and new_islands.day_date = stored_islands.day_date
    where
        new_islands.group_key is null or stored_islands.group_key is null
        or new_islands.island_start <> stored_islands.island_start;

    insert into strike_assigned
    select
        step.claim_id,
        step.attached_event_key as event_key,
        '{{ attached_reason }}' as assigned_reason,
        false as founds_event,
        cast(null as varchar) as assigned_target_id,
        cast(null as varchar) as group_key,
        cast(null as date) as island_start
    from strike_step as step
    where step.attached_event_key is not null
    union all
    select
        founders.claim_id,
        founders.group_key || '|' || coalesce(cast(islands.island_start as varchar), '') as event_key,
        {{ rules['reason'] }} as assigned_reason,
        true as founds_event,
        {{ rules['target'] }} as assigned_target_id,
        founders.group_key,
        islands.island_start
    from strike_founders as founders
    inner join {{ source }} as claims
        on founders.claim_id = claims.claim_id
    left join strike_founder_islands as islands
        on founders.group_key = islands.group_key and founders.day_date = islands.day_date
    where
        founders.claim_id in (select step.claim_id from strike_step as step)
        or (founders.group_key, founders.day_date) in (
            select reanchored.group_key, reanchored.day_date from strike_reanchored as reanchored
        );

    insert into strike_redo
    select claim_id from strike_step_ids
    union
    select claim_id from strike_assigned;

    create or replace temporary table strike_dirty_events as
    select stored.event_key
    from {{ target }} as stored
    where stored.claim_id in (select redo.claim_id from strike_redo as redo)
    union
    select assigned.event_key from strike_assigned as assigned
{%- endmacro %}

{#- The claims of `stage` to decide again, with the event each now joins: those changed, and
    those that are a candidate of a dirty event under its stored profile or its new one. -#}
{% macro strike_attach_step(stage, target, source, profiles, same_city, attached_reason) -%}
    {%- set members = "('" ~ strike_profile_member_stages(stage) | join("', '") ~ "')" -%}
    {%- set profile_columns = ['event_key', 'attacker_key', 'region_key', 'city_key', 'lat', 'lon',
        'first_date', 'last_date', 'target_type', 'target_family', 'is_generic_target'] -%}
    create or replace temporary table strike_new_profiles as
    with members as (
        select stored.*
        from {{ target }} as stored
        where
            stored.match_stage in {{ members }}
            and stored.event_key in (select dirty.event_key from strike_dirty_events as dirty)
            and stored.claim_id not in (select redo.claim_id from strike_redo as redo)
        union all by name
        select
            claims.* exclude (event_key),
            assigned.event_key
        from strike_assigned as assigned
        inner join {{ source }} as claims
            on assigned.claim_id = claims.claim_id
        where
            claims.match_stage in {{ members }}
            and assigned.event_key in (select dirty.event_key from strike_dirty_events as dirty)
    )
    select {{ strike_event_profile_columns('claims') }}
    from members as claims
    group by claims.event_key;

    create or replace temporary table strike_step as
    with stage_claims as (
        select * from {{ source }}
        where match_stage = '{{ stage }}'
    ),

    dirty_profiles as (
        select {{ profile_columns | join(', ') }}
        from {{ profiles }}
        where
            profile_stage = '{{ stage }}'
            and event_key in (select dirty.event_key from strike_dirty_events as dirty)
        union all
        select {{ profile_columns | join(', ') }} from strike_new_profiles
    ),

    dirty_candidates as (
        {{ strike_attachment_candidates('stage_claims', 'dirty_profiles', same_city) }}
    ),

    step_claims as (
        select * from stage_claims
        where
            claim_id in (select dirty_candidates.claim_id from dirty_candidates)
            or claim_id in (select changed.claim_id from strike_changed as changed)
    ),

    current_profiles as (
        select {{ profile_columns | join(', ') }}
        from {{ profiles }}
        where
            profile_stage = '{{ stage }}'
            and event_key not in (select dirty.event_key from strike_dirty_events as dirty)
        union all
        select {{ profile_columns | join(', ') }} from strike_new_profiles
    ),

    step_candidates as (
        {{ strike_attachment_candidates('step_claims', 'current_profiles', same_city) }}
    ),

    step_attached as (
        {{ strike_attachments('step_candidates', attached_reason) }}
    )

    select
        step_claims.claim_id,
        step_attached.event_key as attached_event_key
    from step_claims
    left join step_attached
        on step_claims.claim_id = step_attached.claim_id
    {%- if stage == 'region' %}
    -- country and place-less claims only found events
    union all
    select claim_id, cast(null as varchar) as attached_event_key
    from {{ source }}
    where
        match_stage in ('country', 'no_place')
        and claim_id in (select changed.claim_id from strike_changed as changed)
    {%- endif %}
{%- endmacro %}

{% macro get_incremental_strike_events_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set profiles = strike_profiles_relation(target) -%}
    {%- set columns = arg_dict['dest_columns'] | map(attribute='quoted') | list -%}

    -- Claims whose keyed row differs from the stored copy, or exists on one side only. The
    -- rows are compared by a hash of their keyed columns: joining two narrow columns costs
    -- half of comparing seventeen (two different rows hashing alike: odds 2^-64 a claim).
    create or replace temporary table strike_changed as
    select coalesce(current_claims.claim_id, stored.claim_id) as claim_id
    from (
        select claim_id, hash({{ strike_keyed_column_list() }}) as keyed_hash
        from {{ source }}
    ) as current_claims
    full join (
        select claim_id, hash({{ strike_keyed_column_list() }}) as keyed_hash
        from {{ target }}
    ) as stored
        on current_claims.claim_id = stored.claim_id
    where
        current_claims.claim_id is null
        or stored.claim_id is null
        or current_claims.keyed_hash != stored.keyed_hash;

    create or replace temporary table strike_redo as
    select claim_id from strike_changed;

    create or replace temporary table strike_assigned (
        claim_id varchar,
        event_key varchar,
        assigned_reason varchar,
        founds_event boolean,
        assigned_target_id varchar,
        group_key varchar,
        island_start date
    );

    ---------- stage 1: identified targets (every changed one is decided again)
    create or replace temporary table strike_step as
    select claim_id, cast(null as varchar) as attached_event_key
    from {{ source }}
    where match_stage = 'target' and claim_id in (select changed.claim_id from strike_changed as changed);

    {{ strike_found_events('target', target, source, 'same_target') }};

    ---------- stages 2 to 4
    {{ strike_attach_step('city', target, source, profiles, true, 'unique_candidate_in_city') }};
    {{ strike_found_events('city', target, source, 'unique_candidate_in_city') }};

    {{ strike_attach_step('city_vague', target, source, profiles, true, 'unique_candidate_in_city') }};
    {{ strike_found_events('city_vague', target, source, 'unique_candidate_in_city') }};

    {{ strike_attach_step('region', target, source, profiles, false, 'unique_candidate_in_region') }};
    {{ strike_found_events('wide', target, source, 'unique_candidate_in_region') }};

    ---------- every claim of a dirty event, ranked again
    create or replace temporary table strike_rewritten as
    with assignments as (
        select * exclude (strike_id, match_reason, founding_claim_id, event_target_id)
        from {{ target }} as stored
        where
            stored.event_key in (select dirty.event_key from strike_dirty_events as dirty)
            and stored.claim_id not in (select redo.claim_id from strike_redo as redo)
        union all by name
        select
            claims.* exclude (
                strike_id, match_reason, founding_claim_id, event_target_id, event_key, group_key,
                island_start, assigned_reason, founds_event, assigned_target_id
            ),
            assigned.*  exclude (claim_id)
        from strike_assigned as assigned
        inner join {{ source }} as claims
            on assigned.claim_id = claims.claim_id
    )
    {{ strike_events_ranked('assignments') }};

    delete from {{ target }}
    where
        claim_id in (select redo.claim_id from strike_redo as redo)
        or event_key in (select dirty.event_key from strike_dirty_events as dirty);

    insert into {{ target }} ({{ columns | join(', ') }})
    select {{ columns | join(', ') }} from strike_rewritten;

    delete from {{ profiles }}
    where event_key in (select dirty.event_key from strike_dirty_events as dirty);

    insert into {{ profiles }}
    {{ strike_profiles_of(target, 'claims.event_key in (select dirty.event_key from strike_dirty_events as dirty)') }};

    drop table strike_changed;
    drop table strike_redo;
    drop table strike_assigned;
    drop table strike_step;
    drop table strike_step_ids;
    drop table strike_touched_groups;
    drop table strike_founders;
    drop table strike_founder_islands;
    drop table strike_reanchored;
    drop table strike_new_profiles;
    drop table strike_rewritten;
    drop table strike_dirty_events
{%- endmacro %}

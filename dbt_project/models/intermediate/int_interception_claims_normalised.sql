-- Interception claims put on one clock: each claim's attack night, its claimant's scope
-- and its weapon model under one name.
--   attack night: the night D runs from D-1 18:00 to D 18:00 Kyiv time, so
--   attack_night = date(Kyiv local time + 6 hours), taken at the midpoint of the claim's
--   reporting window (the Air Force's 18:00-08:00, the Ministry's windows in Moscow time);
--   a claim without a window keeps its own date.
--   claimant scope: national (the Air Force, a defence ministry), regional (a regional air
--   command, a governor), local, other, or unattributed (the outlet's own voice), from
--   the claimant_roles seed, else from the name ("... Air Command ...").
--   weapon model: the model of weapon_models.csv whose name or alias the claim uses, so
--   "Shahed" and "Shahed-136/131" are one model.
-- Incremental by article (macros/incremental_articles.sql): a build normalises only the claims
-- of the articles whose records it takes in; a seed edit makes `warehouse build` a full refresh.
-- depends_on: {{ ref('stg_raw__extraction_records') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_touched_articles() }}"
    )
}}

with

interception_claims as (
    select * from {{ ref('stg_raw__interception_claims') }}
    {% if is_incremental() -%}
        where article_id in ({{ touched_articles() }})
    {%- endif %}
),

weapon_models as (
    select * from {{ ref('stg_reference__weapon_models') }}
),

claimant_roles as (
    select * from {{ ref('claimant_roles') }}
),

date_precisions as (
    select * from {{ ref('date_precisions') }}
),

extractor_priorities as (
    select * from {{ ref('extractor_priorities') }}
),

weapon_model_names as (
    select distinct
        {{ normalise_name('weapon_model') }} as model_key,
        {{ normalise_name('alias_name') }} as alias_key
    from (
        select
            weapon_model,
            unnest(list_prepend(weapon_model, weapon_model_aliases)) as alias_name
        from weapon_models
    ) as aliases_unnested
),

-- An alias shared by two models names neither.
weapon_model_lookup as (
    select
        alias_key,
        min(model_key) as model_key
    from weapon_model_names
    group by alias_key
    having count(distinct model_key) = 1
),

claims_timed as (
    select
        *,
        case
            when window_start is not null and window_end is not null
                then window_start + (window_end - window_start) / 2
            else coalesce(window_start, window_end)
        end as window_midpoint
    from interception_claims
),

normalised as (
    select
        ---------- ids
        claims.claim_id,
        claims.record_claim_id,
        claims.article_id,
        claims.extractor_name,
        claims.extractor_version,
        coalesce(extractor_priorities.priority, 100) as extractor_priority,

        ---------- article
        claims.outlet,
        claims.published_at,

        ---------- when
        claims.claim_date,
        claims.date_precision,
        claims.window_start,
        claims.window_end,
        claims.window_midpoint,
        case
            when claims.window_midpoint is not null
                then cast(timezone('Europe/Kyiv', timezone('UTC', claims.window_midpoint)) + interval 6 hour as date)
            else claims.claim_date
        end as attack_night,
        case when claims.window_midpoint is not null then 'window_midpoint' else 'claim_date' end
            as attack_night_basis,
        case when claims.window_midpoint is not null then 'day' else claims.date_precision end
            as night_precision,
        case when claims.window_midpoint is not null then 1 else date_precisions.date_precision_code end
            as date_precision_code,

        ---------- who and what
        claims.attacker,
        claims.defender,
        claims.weapon,
        claims.weapon_model,
        coalesce(
            weapon_model_lookup.model_key, {{ normalise_name('claims.weapon_model') }}, ''
        ) as weapon_model_key,
        claims.claimant_name,
        claims.claimant_role,
        claims.claimant_side,
        lower(trim(coalesce(claims.claimant_name, claims.claimant_role, '(unattributed)'))) as claimant_key,
        coalesce(
            claimant_roles.claimant_scope,
            case
                when claims.claimant_name is null and claims.claimant_role is null then 'unattributed'
                when claims.claimant_name ilike '%air command%' then 'regional'
                when claims.claimant_role ilike '%regional%' then 'regional'
                else 'other'
            end
        ) as claimant_scope,

        ---------- figures
        claims.launched,
        claims.intercepted,
        claims.lost,
        claims.region_count,
        claims.regions_complete,

        ---------- evidence
        claims.evidence_text,
        claims.evidence_start,
        claims.evidence_end

    from claims_timed as claims
    left join weapon_model_lookup
        on {{ normalise_name('claims.weapon_model') }} = weapon_model_lookup.alias_key
    left join claimant_roles
        on lower(trim(claims.claimant_role)) = claimant_roles.claimant_role
    left join date_precisions
        on claims.date_precision = date_precisions.date_precision
    left join extractor_priorities
        on claims.extractor_name = extractor_priorities.extractor_name
)

select * from normalised

-- One row per attack night x attacker x defender x weapon: the defender's headline
-- figures (the sum of the claims int_interception_windows_deduplicated counts), the
-- attacking side's own launch figure, and how many claims and sources stand behind it.
-- Incremental by interception (macros/incremental_interceptions.sql): the pre-hook deletes the
-- interceptions recomputed upstream, and a build computes only the ones the mart lacks.
-- depends_on: {{ ref('stg_raw__extraction_records') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_touched_interception_totals() }}"
    )
}}

with

interception_claims as (
    select * from {{ ref('int_interception_windows_deduplicated') }}
    {% if is_incremental() -%}
        where
            interception_id not in (
                select stored_interceptions.interception_id from {{ this }} as stored_interceptions
            )
    {%- endif %}
),

interceptions as (
    select
        ---------- ids
        interception_id,

        ---------- when and who
        min(attack_night) as attack_night,
        min(date_precision_code) as date_precision_code,
        min(attacker) as attacker,
        min(defender) as defender,
        min(weapon) as weapon,

        ---------- the defender's headline figures
        cast(sum(launched) filter (where is_headline) as integer) as launched,
        cast(sum(intercepted) filter (where is_headline) as integer) as intercepted,
        cast(sum(lost) filter (where is_headline) as integer) as lost,
        min(claimant_name) filter (where is_headline) as headline_claimant,
        min(claimant_scope) filter (where is_headline) as headline_claimant_scope,
        cast(count(*) filter (where is_headline) as integer) as headline_claim_count,

        ---------- the other side
        cast(max(launched) filter (where side_role = 'attacker') as integer) as attacker_claimed_launched,

        ---------- sources
        cast(count(*) as integer) as claim_count,
        cast(count(distinct article_id) as integer) as source_count

    from interception_claims
    where interception_id is not null
    group by interception_id
),

interceptions_rated as (
    select
        * exclude (headline_claimant_scope, headline_claim_count),
        cast(intercepted as double) / nullif(launched, 0) as interception_rate,
        headline_claimant_scope,
        headline_claim_count
    from interceptions
)

select * from interceptions_rated

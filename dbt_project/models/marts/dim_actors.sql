-- Incremental by actor: an actor's row changes only when one of its mentions comes or goes, and
-- mentions change only with their article (macros/incremental_articles.sql). The pre-hook
-- deletes the actors a touched article mentions now, and those whose claim count is not the
-- current one (an actor that lost a mention and gained none has fewer; gone ones included);
-- a build computes only the actors the table lacks.
-- depends_on: {{ ref('stg_raw__extraction_records') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_touched_actors() }}"
    )
}}

with

actor_mentions as (
    select * from {{ ref('int_actors_unioned') }}
    {% if is_incremental() -%}
        where actor_id not in (select stored_actors.actor_id from {{ this }} as stored_actors)
    {%- endif %}
),

actors as (
    select
        actor_id,
        {{ mode_of('actor_name') }} as actor_name,
        {{ mode_of('actor_role') }} as actor_role,
        {{ mode_of('side') }} as side,
        min(actor_kind) as actor_kind,
        cast(count(*) as integer) as claim_count
    from actor_mentions
    group by actor_id
)

select * from actors

with

actor_mentions as (
    select * from {{ ref('int_actors_unioned') }}
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

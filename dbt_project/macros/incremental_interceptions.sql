{#- int_interception_windows_deduplicated is incremental by interception.

    Its result is local: a claim's headline_reason depends only on the claims of its own
    interception (attack night x attacker x defender x weapon) and, through
    is_preferred_extractor, on which extractors coded its article. A claim can change only
    when its article is touched (macros/incremental_articles.sql: a record of the article was
    loaded since the last build; seeds and rules are covered by the full refresh `warehouse build`
    runs when they change). So a build recomputes the touched articles' claims and every
    interception one of them is in, before or after the change (a claim that moves to another
    night or weapon leaves its old interception, and a new extractor of an article changes which
    of its extractors counts in every interception of the article).
    The pre-hook deletes those claims and interceptions from the table; the model then computes
    exactly the claims the table lacks. -#}

{% macro interception_key(attack_night, night_precision, attacker, defender, weapon) -%}
    case
        when {{ attack_night }} is not null
            then 'interception_' || substr(md5(
                cast({{ attack_night }} as varchar) || '|' || coalesce({{ night_precision }}, '') || '|'
                || coalesce({{ attacker }}, '?') || '|' || coalesce({{ defender }}, '?') || '|' || {{ weapon }}
            ), 1, 16)
    end
{%- endmacro %}

{#- Delete from the model being built the touched articles' claims and every interception one of
    them is in, before (read from the stored table) or after the change (`current_ids`, a query
    for the interception ids the touched articles' claims have now). -#}
{% macro delete_interceptions_of_touched_articles(current_ids) -%}
    {% if is_incremental() -%}
        delete from {{ this }}
        where
            article_id in ({{ touched_articles() }})
            or interception_id in (
                select stored.interception_id
                from {{ this }} as stored
                where stored.article_id in ({{ touched_articles() }})
                union all
                {{ current_ids }}
            )
    {%- endif %}
{%- endmacro %}

{#- Pre-hook of int_interception_windows_deduplicated: the current ids are keyed here from the
    normalised claims. -#}
{% macro delete_touched_interceptions() -%}
    {%- set normalised = ref('int_interception_claims_normalised') -%}
    {%- set current_ids -%}
        select
            {{ interception_key(
                'normalised.attack_night', 'normalised.night_precision', 'normalised.attacker',
                'normalised.defender', 'normalised.weapon'
            ) }}
        from {{ normalised }} as normalised
        where normalised.article_id in ({{ touched_articles() }})
    {%- endset -%}
    {{ delete_interceptions_of_touched_articles(current_ids) }}
{%- endmacro %}

{#- Pre-hook of fct_interception_claims: the same claims and interceptions, read from the stored
    mart and from int_interception_windows_deduplicated (already built by then). Outside them no
    row of the mart can have changed, so the model computes only the claims the mart lacks. -#}
{% macro delete_touched_interception_claims() -%}
    {%- set deduplicated = ref('int_interception_windows_deduplicated') -%}
    {%- set current_ids -%}
        select deduplicated.interception_id
        from {{ deduplicated }} as deduplicated
        where deduplicated.article_id in ({{ touched_articles() }})
    {%- endset -%}
    {{ delete_interceptions_of_touched_articles(current_ids) }}
{%- endmacro %}

{#- Pre-hook of fct_interceptions, which keeps no article: an interception was recomputed
    upstream only if a touched article's claim is in it now, or one was in it before and has
    left, and then it has fewer claims than the mart says (claims of untouched articles never
    move). So it deletes the interceptions with a touched article's claim and those whose claim
    count is not the current one (gone ones included); the model computes the ones it lacks. -#}
{% macro delete_touched_interception_totals() -%}
    {{ delete_touched_or_recounted(
        'interception_id', ref('int_interception_windows_deduplicated'), 'claim_count'
    ) }}
{%- endmacro %}

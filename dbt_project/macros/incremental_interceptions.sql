{#- int_interception_windows_deduplicated is incremental by interception.

    Its result is local: a claim's headline_reason depends only on the claims of its own
    interception (attack night x attacker x defender x weapon) and, through
    is_preferred_extractor, on which extractors coded its article. So a build recomputes only
    the interceptions that a changed claim touches:
      - a claim is changed when its row in int_interception_claims_normalised differs from the
        stored copy of those columns, either way: new, replaced (the record was re-extracted), gone
        (the record was replaced by one without it), or altered by a seed (claimant_roles,
        weapon_models, extractor_priorities feed the normalised columns);
      - an interception is touched when a changed claim is in it, before or after the change
        (a claim that moves to another night or weapon leaves its old interception), or when
        any claim of an article with a changed claim is in it (a new extractor of an article
        changes which of its extractors counts, in every interception of the article).
    The pre-hook deletes the touched interceptions and changed claims from the table; the model
    then computes exactly the claims the table lacks. A change of the model's own SQL needs
    `warehouse build --full-refresh`, as for any incremental model. -#}

{% macro interception_key(attack_night, night_precision, attacker, defender, weapon) -%}
    case
        when {{ attack_night }} is not null
            then 'interception_' || substr(md5(
                cast({{ attack_night }} as varchar) || '|' || coalesce({{ night_precision }}, '') || '|'
                || coalesce({{ attacker }}, '?') || '|' || coalesce({{ defender }}, '?') || '|' || {{ weapon }}
            ), 1, 16)
    end
{%- endmacro %}

{% macro delete_touched_interceptions() -%}
    {% if is_incremental() -%}
        {%- set normalised = ref('int_interception_claims_normalised') -%}
        {%- set claim_columns = adapter.get_columns_in_relation(normalised) | map(attribute='quoted') | list -%}
        -- Claims whose normalised row differs from the stored copy, or exists on one side only
        -- (a join on claim_id comparing every column: cheaper than `except` both ways).
        create or replace temporary table interception_claims_changed as
        select
            coalesce(current_claims.claim_id, stored_claims.claim_id) as claim_id,
            coalesce(current_claims.article_id, stored_claims.article_id) as article_id,
            {{ interception_key(
                'current_claims.attack_night', 'current_claims.night_precision', 'current_claims.attacker',
                'current_claims.defender', 'current_claims.weapon'
            ) }} as current_interception_id,
            stored_claims.interception_id as stored_interception_id
        from {{ normalised }} as current_claims
        full join {{ this }} as stored_claims
            on current_claims.claim_id = stored_claims.claim_id
        where
            current_claims.claim_id is null
            or stored_claims.claim_id is null
            {%- for column in claim_columns %}
            or current_claims.{{ column }} is distinct from stored_claims.{{ column }}
            {%- endfor %};

        delete from {{ this }}
        where
            claim_id in (select changed.claim_id from interception_claims_changed as changed)
            or interception_id in (
                select changed.current_interception_id from interception_claims_changed as changed
                union all
                select changed.stored_interception_id from interception_claims_changed as changed
                union all
                select stored.interception_id
                from {{ this }} as stored
                where stored.article_id in (select changed.article_id from interception_claims_changed as changed)
                union all
                select
                    {{ interception_key(
                        'normalised.attack_night', 'normalised.night_precision', 'normalised.attacker',
                        'normalised.defender', 'normalised.weapon'
                    ) }}
                from {{ normalised }} as normalised
                where normalised.article_id in (select changed.article_id from interception_claims_changed as changed)
            );

        drop table interception_claims_changed
    {%- endif %}
{%- endmacro %}

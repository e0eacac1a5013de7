{#- fct_strikes is incremental by event.

    An event's row is a function of its claims in fct_strike_claims (every column), of the name
    of the target they name (int_targets_identified) and of the seeds (a changed seed makes
    `warehouse build` run a full refresh). Strike matching is global, so a new claim may move
    older claims between events anywhere; rather than predict which, the build compares. Each
    row keeps claims_fingerprint, a hash of exactly those inputs; the pre-hook computes the
    current fingerprint of every event (one hashing scan of the claims, a fraction of what
    computing the events costs), deletes the rows whose fingerprint is no longer current or
    whose event is gone, and the model computes the events the mart lacks. A claim's row is
    hashed whole, so a column fct_strikes starts to read later is covered already. -#}

{% macro strike_claim_fingerprints(strike_claims, targets) -%}
    select
        claim_hashes.strike_id,
        hash(claim_hashes.claims_hash, event_targets.target_name) as claims_fingerprint
    from (
        select
            event_claims.strike_id,
            max(event_claims.strike_target_id) as target_id,
            -- order-free, and no two rows cancel out: each has its own claim_id
            bit_xor(hash(event_claims)) as claims_hash
        from {{ strike_claims }} as event_claims
        group by event_claims.strike_id
    ) as claim_hashes
    left join {{ targets }} as event_targets
        on claim_hashes.target_id = event_targets.target_id
{%- endmacro %}

{% macro delete_strikes_with_changed_claims() -%}
    {% if is_incremental() -%}
        delete from {{ this }} as stored
        where
            not exists (
                select 1
                from (
                    {{ strike_claim_fingerprints(ref('fct_strike_claims'), ref('int_targets_identified')) }}
                ) as current_events
                where
                    current_events.strike_id = stored.strike_id
                    and current_events.claims_fingerprint = stored.claims_fingerprint
            )
    {%- endif %}
{%- endmacro %}

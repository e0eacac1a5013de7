{#- The claim models are incremental so that a nightly build parses only the night's records.

    The unit of change is the record: ingest keeps one row per (article_id, extractor_name) and
    gives a replaced record the load_id of the load that replaced it. So a record is new to a
    claim model exactly when its load_id is not among the load_ids the model holds. Records
    whose load produced no claim of this kind come round again each build; they unnest to
    nothing and cost one anti-join. -#}

{% macro new_extraction_records() -%}
    select * from {{ ref('stg_raw__extraction_records') }}
    {% if is_incremental() -%}
        where load_id not in (select distinct loaded_claims.load_id from {{ this }} as loaded_claims)
    {%- endif %}
{%- endmacro %}

{#- Pre-hook of the claim models: a replaced record takes its old claims with it, even when the
    new record has none of this kind (delete+insert on the new rows alone would keep them). -#}
{% macro delete_replaced_claims() -%}
    {% if is_incremental() -%}
        delete from {{ this }}
        where (article_id, extractor_name) in (
            select new_records.article_id, new_records.extractor_name
            from ({{ new_extraction_records() }}) as new_records
        )
    {%- endif %}
{%- endmacro %}

{#- Unnest one typed claim list of the new records, with each claim's position in it. -#}
{% macro unnest_claims(claim_list) -%}
    select
        article_id,
        extractor_name,
        extractor_version,
        load_id,
        outlet,
        published_at,
        unnest({{ claim_list }}) as claim,
        unnest(generate_series(1, len({{ claim_list }}))) as claim_number
    from extraction_records
    where len({{ claim_list }}) > 0
{%- endmacro %}

{#- Columns every claim model starts with: the keys, the record and the article. -#}
{% macro claim_id_columns() -%}
        {{ claim_key('article_id', 'extractor_name', 'claim.claim_id') }} as claim_id,
        claim.claim_id as record_claim_id,
        article_id,
        extractor_name,
        extractor_version,
        load_id,
        claim_number,

        ---------- article
        outlet,
        published_at
{%- endmacro %}

{#- Who made the claim, and the sentence it came from. -#}
{% macro claimant_columns() -%}
        claim.claimed_by.name as claimant_name,
        claim.claimed_by.role as claimant_role,
        claim.claimed_by.side as claimant_side
{%- endmacro %}

{% macro evidence_columns() -%}
        claim.evidence.text as evidence_text,
        claim.evidence.start as evidence_start,
        claim.evidence."end" as evidence_end
{%- endmacro %}

{#- stg_raw__extraction_records: the completed loads it has not taken in, as a list of literals
    (NULL, which matches nothing, when there are none). Queried when the model runs. -#}
{% macro new_loads_of_this() -%}
    {%- if execute -%}
        {%- set new_loads = run_query(
            "select load_id from " ~ source('raw', 'loads') ~ " where status = 'completed'"
            ~ " and load_id not in (select distinct staged.load_id from " ~ this ~ " as staged)"
            ~ " order by load_id"
        ) -%}
        {%- set literals = [] -%}
        {%- for load_id in new_loads.columns[0].values() -%}
            {%- do literals.append("'" ~ (load_id | replace("'", "''")) ~ "'") -%}
        {%- endfor -%}
        {{ literals | join(', ') if literals else 'null' }}
    {%- else -%}
        null
    {%- endif -%}
{%- endmacro %}

{#- DuckDB JSON structure strings for the extraction contract v1 (ingest/contract.py),
    used with from_json() to type the `record` column once, in staging. -#}

{% macro _claim_common_types() -%}
"claim_id": "VARCHAR", "date": "DATE", "date_precision": "VARCHAR",
"claimed_by": {"name": "VARCHAR", "role": "VARCHAR", "side": "VARCHAR"},
"evidence": {"text": "VARCHAR", "start": "INTEGER", "end": "INTEGER"}
{%- endmacro %}

{% macro _place_type() -%}
{"name": "VARCHAR", "admin1": "VARCHAR", "country": "VARCHAR", "lat": "DOUBLE", "lon": "DOUBLE", "precision": "VARCHAR"}
{%- endmacro %}

{% macro strike_claims_json_type() -%}
[{ {{- _claim_common_types() }}, "attacker": "VARCHAR", "weapon": "VARCHAR", "place": {{ _place_type() }}, "target": {"name": "VARCHAR", "type": "VARCHAR"}, "target_count": "INTEGER", "outcome": "VARCHAR", "killed": "INTEGER", "injured": "INTEGER"}]
{%- endmacro %}

{% macro interception_claims_json_type() -%}
[{ {{- _claim_common_types() }}, "attacker": "VARCHAR", "defender": "VARCHAR", "weapon": "VARCHAR", "weapon_model": "VARCHAR", "launched": "INTEGER", "intercepted": "INTEGER", "lost": "INTEGER", "window_start": "VARCHAR", "window_end": "VARCHAR", "regions": [{"name": "VARCHAR", "count": "INTEGER"}], "regions_complete": "BOOLEAN"}]
{%- endmacro %}

{% macro visit_claims_json_type() -%}
[{ {{- _claim_common_types() }}, "visitor": {"name": "VARCHAR", "role": "VARCHAR", "country": "VARCHAR"}, "destination": {{ _place_type() }}, "kind": "VARCHAR", "announced": "BOOLEAN", "topics": ["VARCHAR"]}]
{%- endmacro %}

{#- The warehouse's claim key: the extractor's claim_id is unique only within one record
    (two extractors of one article may give the same id), so the key adds both. -#}
{% macro claim_key(article_id, extractor_name, record_claim_id) -%}
    substr(md5({{ article_id }} || '|' || {{ extractor_name }} || '|' || {{ record_claim_id }}), 1, 32)
{%- endmacro %}

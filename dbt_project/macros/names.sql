{#- Name normalisation shared by place, facility and person matching. Two spellings of
    one name must give one key: lower case, accents stripped, punctuation to spaces. -#}

{% macro normalise_name(expression) -%}
    nullif(trim(regexp_replace(lower(strip_accents({{ expression }})), '[^\pL\pN]+', ' ', 'g')), '')
{%- endmacro %}

{% macro slugify(expression) -%}
    replace({{ normalise_name(expression) }}, ' ', '-')
{%- endmacro %}

{#- A name without the words that only say what kind of thing it is, so that
    "Saratov region", "Saratov Oblast" and "Saratovskaya oblast'" meet, and
    "Ryazan refinery" meets "Ryazan Oil Refinery". -#}
{% macro name_without_words(expression, words) -%}
    nullif(array_to_string(list_filter(
        string_split(coalesce({{ normalise_name(expression) }}, ''), ' '),
        token -> token <> '' and token not in ({{ "'" ~ words | join("', '") ~ "'" }})
    ), ' '), '')
{%- endmacro %}

{% macro region_stem(expression) -%}
    {{ name_without_words(expression, [
        'oblast', 'oblasti', 'region', 'regional', 'krai', 'kray', 'republic', 'of', 'the',
        'autonomous', 'okrug', 'province', 'city', 'federal',
        'область', 'обл', 'краи', 'край', 'республика', 'республіка', 'автономныи', 'автономная',
        'автономна', 'округ', 'области', 'регион', 'город', 'місто', 'г'
    ]) }}
{%- endmacro %}

{% macro facility_stem(expression) -%}
    {{ name_without_words(expression, [
        'oil', 'refinery', 'refining', 'depot', 'depots', 'fuel', 'storage', 'terminal', 'plant',
        'factory', 'works', 'power', 'thermal', 'station', 'substation', 'tpp', 'chp', 'hpp',
        'npp', 'airbase', 'air', 'base', 'airfield', 'aerodrome', 'port', 'seaport', 'the', 'of',
        'in', 'near', 'jsc', 'pjsc', 'ojsc', 'llc', 'ooo', 'oao', 'pao', 'ao', 'company',
        'facility', 'complex', 'petroleum', 'gas', 'processing', 'military', 'ammunition',
        'arsenal', 'warehouse', 'nps', 'pumping', 'industrial', 'site', 'sites', 'enterprise',
        'facilities', 'object', 'objects', 'infrastructure', 'building', 'buildings',
        'residential', 'house', 'houses', 'area', 'district', 'critical', 'energy', 'a', 'an'
    ]) }}
{%- endmacro %}

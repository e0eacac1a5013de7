{#- The most frequent non-null value of `column` in the group, the smallest on a tie;
    `where` filters the rows counted, like an aggregate's FILTER clause.
    Same result as DuckDB's `mode(column order by column)`, which is slow on many small
    groups (an ordered aggregate with a hash table per group). The values are counted in a
    histogram (a hash table of distinct values, so a group of a million rows costs what its
    few distinct names cost: sorting a list of every value took 2 s in dim_places at 1M
    articles), and its entries sorted by count descending, then value. -#}
{% macro mode_of(column, where=none) -%}
    list_sort(list_transform(
        map_entries(histogram({{ column }}) filter (where {{ column }} is not null{% if where %} and ({{ where }}){% endif %})),
        entry -> {'negative_count': -cast(entry.value as bigint), 'value': entry.key}
    ))[1].value
{%- endmacro %}

{#- The mean of coordinates rounded to 5 decimals (~1 m), the same whatever order the rows
    come in: a parallel avg of doubles can differ in its last bits between runs, and a mean
    that falls on a half (51.669575) then rounds either way. Summed as exact decimals, the
    mean is one double. -#}
{% macro rounded_mean(column) -%}
    round(avg(cast({{ column }} as decimal(18, 9))), 5)
{%- endmacro %}

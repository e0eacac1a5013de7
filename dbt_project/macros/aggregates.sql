{#- The most frequent non-null value of `column` in the group, the smallest on a tie;
    `where` filters the rows counted, like an aggregate's FILTER clause.
    Same result as DuckDB's `mode(column order by column)`, which is slow on many small
    groups (an ordered aggregate with a hash table per group: 60% of the time of the
    strike matching at 100k articles). The values are gathered in a list, sorted, and the
    list's mode taken: a list's mode breaks ties by first position, here the smallest. -#}
{% macro mode_of(column, where=none) -%}
    list_aggregate(
        list_sort(list({{ column }}) filter (where {{ column }} is not null{% if where %} and ({{ where }}){% endif %})),
        'mode'
    )
{%- endmacro %}

{#- The mean of coordinates rounded to 5 decimals (~1 m), the same whatever order the rows
    come in: a parallel avg of doubles can differ in its last bits between runs, and a mean
    that falls on a half (51.669575) then rounds either way. Summed as exact decimals, the
    mean is one double. -#}
{% macro rounded_mean(column) -%}
    round(avg(cast({{ column }} as decimal(18, 9))), 5)
{%- endmacro %}

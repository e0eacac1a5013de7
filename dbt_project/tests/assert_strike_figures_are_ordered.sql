-- UCDP-style figures: low <= best <= high for every figure of every strike event.
select
    strike_id,
    killed_low,
    killed_best,
    killed_high,
    injured_low,
    injured_best,
    injured_high,
    target_count_low,
    target_count_best,
    target_count_high
from {{ ref('fct_strikes') }}
where
    killed_low > killed_best
    or killed_best > killed_high
    or injured_low > injured_best
    or injured_best > injured_high
    or target_count_low > target_count_best
    or target_count_best > target_count_high

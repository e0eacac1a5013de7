-- The headline figures of an interception are one claimant's: regional commands and
-- other claimants are never added on top of the national source.
select
    interception_id,
    count(distinct claimant_name) as headline_claimants
from {{ ref('fct_interception_claims') }}
where is_headline
group by interception_id
having count(distinct claimant_name) > 1

-- Evidence offsets are Python str offsets: end - start is the evidence's length.
select
    claim_id,
    evidence_start,
    evidence_end,
    evidence_text
from {{ ref('fct_strike_claims') }}
where evidence_end - evidence_start <> length(evidence_text)
union all
select
    claim_id,
    evidence_start,
    evidence_end,
    evidence_text
from {{ ref('fct_interception_claims') }}
where evidence_end - evidence_start <> length(evidence_text)

-- A source (article) gives at least one claim, so no row can have more sources than claims.
select
    'fct_strikes' as mart,
    strike_id as row_id
from {{ ref('fct_strikes') }}
where source_count > claim_count or outlet_count > source_count
union all
select
    'fct_interceptions' as mart,
    interception_id as row_id
from {{ ref('fct_interceptions') }}
where source_count > claim_count
union all
select
    'fct_visits' as mart,
    visit_id as row_id
from {{ ref('fct_visits') }}
where source_count > claim_count

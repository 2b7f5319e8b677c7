-- How many items have each data-quality issue as at a date, for the Data page's summary.
-- grain: one row per issue found
-- reads: recommendations, updates, inspections (through the rec_state_issues macro)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces)
select
    issue,
    count(*) as items,
from rec_state_issues($as_at::date, $force_id::varchar)
group by issue
order by items desc, issue

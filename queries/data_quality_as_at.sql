-- Items a tracker's owner should look at as at a date, one row per item and issue (the issues are
-- defined once, in queries/macros/rec_state_issues.sql).
-- grain: one row per (recommendation, issue found)
-- reads: recommendations, updates, inspections (through the rec_state_issues macro)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces), $limit BIGINT (null = every row),
--         $offset BIGINT
-- Paged: total_rows on every row is the count of all rows before the limit.
select *, count(*) over () as total_rows
from rec_state_issues($as_at::date, $force_id::varchar)
order by issue, rec_id
limit $limit::bigint offset $offset::bigint

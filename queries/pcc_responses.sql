-- The police and crime commissioner's statutory response (s.55 Police Act 1996) to each report
-- published by the as-at date, for the Inspections page: due, overdue, published (with its
-- address), not required, or not recorded (see queries/macros/pcc_responses.sql). Those needing
-- attention come first: overdue, then due (soonest first), then not recorded, published (latest
-- first) and not required.
-- grain: one row per report published by $as_at that is the force's or national
-- reads: inspections, recommendations (through the pcc_responses macro)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces), $limit BIGINT (null = every row),
--         $offset BIGINT
-- Paged: total_rows on every row is the count of all rows before the limit.
select
    *,
    count(*) over () as total_rows,
    count(*) filter (where response_status = 'overdue') over () as overdue_total,
    count(*) filter (where response_status = 'due') over () as due_total,
    count(*) filter (where response_status = 'not_recorded') over () as not_recorded_total,
    count(*) filter (where response_status = 'published') over () as published_total,
    count(*) filter (where response_status = 'not_required') over () as not_required_total,
from pcc_responses($as_at::date, $force_id::varchar)
order by
    list_position(
        ['overdue', 'due', 'not_recorded', 'published', 'not_required'], response_status
    ),
    case when response_status in ('overdue', 'due') then response_due_on end,
    published_on desc nulls last,
    inspection_id
limit $limit::bigint offset $offset::bigint

-- The police and crime commissioner's responses the Overview names: those overdue, and those due
-- within $within_days days of the as-at date (see queries/macros/pcc_responses.sql; a response
-- nobody recorded is never overdue). Overdue first, then the soonest due.
-- grain: one row per report whose response is overdue or due within $within_days days
-- reads: inspections, recommendations (through the pcc_responses macro)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces), $within_days INTEGER
select
    inspection_id,
    title,
    published_on,
    response_due_on,
    is_due_computed,
    response_status,
    days_to_response_due,
from pcc_responses($as_at::date, $force_id::varchar)
where response_status = 'overdue'
   or (response_status = 'due' and days_to_response_due <= $within_days::integer)
order by response_status = 'due', response_due_on, inspection_id

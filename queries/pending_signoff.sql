-- How many findings await an approver's sign-off of their closure as at a date (their latest
-- recorded position is pending_closure).
-- grain: one row
-- reads: recommendations, updates, inspections (through the rec_state macro)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces)
select
    count(*) filter (where status = 'pending_closure') as pending_signoff,
from rec_state($as_at::date, $force_id::varchar)
where $force_id::varchar is null or force_id = $force_id::varchar

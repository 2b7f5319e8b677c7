-- Every recommendation's state as at a date, for one force (or all forces when $force_id is null).
-- grain: one row per recommendation issued by $as_at
-- reads: recommendations, updates, inspections (through the rec_state macro)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces)
select *
from rec_state($as_at::date, $force_id::varchar)
where $force_id::varchar is null or force_id = $force_id::varchar
order by due_on nulls last, rec_id

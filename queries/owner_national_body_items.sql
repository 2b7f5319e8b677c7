-- How many open recommendations are addressed to national bodies (not force workload), so the
-- Owners page can say what it leaves out.
-- grain: one row
-- reads: recommendations, updates, inspections (through the rec_state macro)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces)
with

state as (
    select * from rec_state($as_at::date, $force_id::varchar)
    where is_open
      and ($force_id::varchar is null or force_id = $force_id::varchar)
),

final as (
    select count(*) filter (where not is_force_workload) as national_body_open,
    from state
)

select * from final

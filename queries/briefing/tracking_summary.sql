-- The headline figures of the briefing's background: what the force tracks as at the meeting, and
-- what came in and what closed since the start of the period. issued_since counts findings of
-- reports published in the period; first_recorded_since those from earlier (or undated) reports
-- whose first recorded position falls in the period; closed_since those open then and not now.
-- grain: one row
-- reads: recommendations, updates, inspections (through rec_state)
-- params: $force_id VARCHAR (null = all), $since DATE, $as_at DATE
with

now_state as (
    select * from rec_state($as_at::date)
    where is_force_workload and ($force_id::varchar is null or force_id = $force_id::varchar)
),

then_state as (
    select * from rec_state($since::date)
    where is_force_workload and ($force_id::varchar is null or force_id = $force_id::varchar)
),

final as (
    select
        count(*) as findings,
        count(distinct now_state.inspection_id) as inspections,
        count(*) filter (where now_state.is_open) as open,
        count(*) filter (where now_state.is_overdue) as overdue,
        count(*) filter (where now_state.is_open and now_state.rag = 'red') as red,
        count(*) filter (where now_state.is_open and now_state.due_on is not null) as open_with_due_date,
        count(*) filter (where now_state.issued_on between $since::date and $as_at::date)
            as issued_since,
        count(*) filter (
            where then_state.rec_id is null
            and not coalesce(now_state.issued_on between $since::date and $as_at::date, false)
        ) as first_recorded_since,
        count(*) filter (where not now_state.is_open and then_state.is_open) as closed_since,
    from now_state
    left join then_state using (rec_id)
)

select * from final

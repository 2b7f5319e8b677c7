-- Open items a tracker's owner should look at as at a date: no chief officer lead, no due date,
-- overdue but not graded red, or no update for more than 90 days.
-- grain: one row per (recommendation, issue found)
-- reads: recommendations, updates, inspections (through the rec_state macro)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces)
with

state as (
    select * from rec_state($as_at::date)
    where is_open
      and is_force_workload
      and ($force_id::varchar is null or force_id = $force_id::varchar)
),

issues as (
    select rec_id, 'No chief officer lead' as issue from state where chief_officer_lead is null
    union all
    select rec_id, 'No due date' from state where due_on is null
    union all
    select rec_id, 'Overdue but not graded red' from state where is_overdue and rag <> 'red'
    union all
    select rec_id, 'No update for more than 90 days'
    from state
    where coalesce(status_as_at, issued_on) < $as_at::date - interval 90 day
),

final as (
    select
        issues.issue,
        state.rec_id,
        state.ref,
        state.inspection_title,
        state.kind,
        state.chief_officer_lead,
        state.due_on,
        state.status,
        state.rag,
        state.status_as_at,
    from issues
    inner join state using (rec_id)
)

select * from final order by issue, rec_id

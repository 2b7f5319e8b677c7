-- Open findings with a due date: overdue at the meeting, due before the next meeting, or later;
-- with the first later due date (and how many fall on it) so the pack can say what comes next.
-- grain: one row per open finding with a due date
-- reads: recommendations, updates, inspections (through rec_state_force)
-- params: $force_id VARCHAR (null = all), $as_at DATE, $next_on DATE
with

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
    where is_open and due_on is not null
),

windowed as (
    select
        *,
        case
            when is_overdue then 'overdue'
            when due_on <= $next_on::date then 'before_next'
            else 'later'
        end as due_window,
    from state
),

next_later as (
    select
        *,
        min(due_on) filter (where due_window = 'later') over () as next_later_due_on,
    from windowed
),

final as (
    select
        rec_id,
        inspection_title,
        ref,
        finding_name,
        finding_ref,
        report_name,
        kind,
        text,
        chief_officer_lead,
        tactical_lead,
        deadline_text,
        due_on,
        original_due_on,
        revision_count,
        days_slipped,
        days_overdue,
        days_to_due,
        status,
        rag,
        due_window,
        next_later_due_on,
        count(*) filter (where due_on = next_later_due_on) over () as next_later_findings,
    from next_later
)

select * from final order by due_on, inspection_title, rec_id

-- Due dates revised in the period (on or after $since, up to the meeting) for the force's own
-- workload: each revision with the date it replaced, the new date, the report's original date,
-- which revision it is, and the reason given; and whether the finding is open and overdue at the
-- meeting (against the date then in force). Revisions recorded on a closed finding are left out.
-- grain: one row per due-date revision recorded in the period
-- reads: updates, recommendations (as due_revisions), inspections (through rec_state_force)
-- params: $force_id VARCHAR (null = all), $since DATE, $as_at DATE
with

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
),

-- a revision recorded on a closed finding is a data-quality warning (Data page), not a deadline
revisions as (
    select * from due_revisions
    where revised_on between $since::date and $as_at::date
      and is_open_status(status_when_revised)
),

final as (
    select
        revisions.rec_id,
        state.inspection_title,
        state.ref,
        state.kind,
        state.text,
        state.chief_officer_lead,
        revisions.revised_on,
        revisions.due_before,
        revisions.revised_due_on,
        date_diff('day', revisions.due_before, revisions.revised_due_on) as days_moved,
        state.original_due_on,
        date_diff('day', state.original_due_on, revisions.revised_due_on) as days_slipped,
        revisions.revision_number,
        revisions.revision_reason,
        state.due_on as due_on_at_meeting,
        state.is_open,
        state.is_overdue,
    from revisions
    inner join state using (rec_id)
)

select * from final order by revised_on, inspection_title, ref, rec_id

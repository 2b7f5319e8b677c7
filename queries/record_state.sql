-- One finding's record and its latest recorded position on or before a date, for the Record
-- progress page: due_on is the date in force (a revised date, if any), original_due_on the
-- report's (also a finding whose report has no publication date yet, which rec_state leaves
-- out until it has a position).
-- grain: one row (none when the rec_id is unknown)
-- reads: finding_names, recommendations, inspections, updates (through the rec_state_computed macro)
-- params: $as_at DATE, $rec_id VARCHAR
with

recommendations as (select * from recommendations where rec_id = $rec_id::varchar),
inspections as (select * from inspections),
-- one finding: computed for itself, not read from the state of every force (rec_state)
state as (select * from rec_state_computed($as_at::date) where rec_id = $rec_id::varchar),

final as (
    select
        recommendations.rec_id,
        finding_names.finding_name as reference,
        recommendations.force_id,
        recommendations.kind,
        recommendations.addressed_to,
        recommendations.text,
        inspections.title as inspection_title,
        inspections.published_on as issued_on,
        recommendations.deadline_text,
        coalesce(state.due_on, recommendations.due_on) as due_on,
        recommendations.due_on as original_due_on,
        coalesce(state.revision_count, 0) as revision_count,
        state.days_slipped,
        state.last_revision_reason,
        recommendations.chief_officer_lead,
        recommendations.tactical_lead,
        recommendations.governance_board,
        state.status,
        state.rag,
        state.status_as_at,
        state.note,
        state.recorded_by,
        coalesce(state.is_open, true) as is_open,
        coalesce(state.is_overdue, false) as is_overdue,
        state.days_overdue,
    from recommendations
    left join inspections using (inspection_id)
    left join finding_names using (rec_id)
    left join state using (rec_id)
)

select * from final

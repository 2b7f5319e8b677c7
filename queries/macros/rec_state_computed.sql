-- Table macro rec_state_computed(as_at_date): every recommendation's state as at a date, which
-- every figure about progress builds on. Queries read it through rec_state(as_at_date, force)
-- (queries/macros/rec_state.sql), which holds it computed once per date and force. The state is
-- the latest update with as_at <= as_at_date (ties broken by recorded_at, then update_id). An item with no update yet, whose report has
-- been published by that date, has no position recorded: its status and RAG are null (never a
-- guessed "awaiting allocation"), and it counts as open, since nobody has recorded it closed.
-- due_on is the due date in force as at the date: the latest revision recorded by then (see
-- queries/macros/current_due.sql), else the report's; original_due_on is the report's, never
-- changed. Overdue is judged against due_on: a finding past its original date but within a revised
-- one has slipped (is_slipped), it is not overdue.
-- grain: one row per recommendation issued by as_at_date
-- reads: recommendations, updates (as update_spans and due_revisions), inspections, finding_names
--        (how a committee names each finding: queries/derived/finding_names.sql)
-- params: as_at_date DATE (macro argument)
create or replace macro rec_state_computed(as_at_date) as table
with

recommendations as (
    select
        recommendations.* replace (
            coalesce(current_due.current_due_on, recommendations.due_on) as due_on
        ),
        recommendations.due_on as original_due_on,
        coalesce(current_due.revision_count, 0) as revision_count,
        current_due.last_revised_on,
        current_due.last_revision_reason,
    from recommendations
    left join current_due(as_at_date) as current_due using (rec_id)
),
inspections as (select * from inspections),

-- the latest update on or before the date: the one whose next update (in the order as_at,
-- recorded_at nulls first, update_id) is after it or does not exist; update_spans holds that
-- next date for every update (queries/derived/update_spans.sql)
latest_update as (
    select *
    from update_spans
    where as_at <= as_at_date
      and (next_as_at is null or next_as_at > as_at_date)
),

final as (
    select
        recommendations.rec_id,
        recommendations.inspection_id,
        recommendations.force_id,
        recommendations.ref,
        recommendations.kind,
        recommendations.addressed_to,
        recommendations.text,
        recommendations.deadline_text,
        recommendations.due_on,
        recommendations.due_source,
        recommendations.peel_area,
        recommendations.chief_officer_lead,
        recommendations.tactical_lead,
        recommendations.governance_board,
        recommendations.parent_rec_id,
        recommendations.supersedes_rec_id,
        inspections.title as inspection_title,
        finding_names.finding_name,
        finding_names.finding_ref,
        finding_names.report_name,
        inspections.kind as inspection_kind,
        inspections.published_on as issued_on,
        latest_update.status,
        latest_update.rag,
        latest_update.as_at as status_as_at,
        latest_update.note,
        latest_update.recorded_by,
        latest_update.update_id is null as has_no_update,
        -- open unless a recorded position closed it (no position recorded: still open)
        coalesce(is_open_status(latest_update.status), true) as is_open,
        is_open and coalesce(recommendations.due_on < as_at_date, false) as is_overdue,
        case when is_overdue then date_diff('day', recommendations.due_on, as_at_date) end
            as days_overdue,
        date_diff('day', as_at_date, recommendations.due_on) as days_to_due,
        recommendations.original_due_on,
        recommendations.revision_count,
        recommendations.last_revised_on,
        recommendations.last_revision_reason,
        case when recommendations.revision_count > 0
            then date_diff('day', recommendations.original_due_on, recommendations.due_on)
        end as days_slipped,
        is_open and coalesce(recommendations.due_on > recommendations.original_due_on, false)
            as is_slipped,
        is_open and coalesce(recommendations.original_due_on < as_at_date, false)
            as has_missed_original_due,
        recommendations.addressed_to <> 'national_body' as is_force_workload,
    from recommendations
    left join inspections using (inspection_id)
    left join finding_names using (rec_id)
    left join latest_update using (rec_id)
    where latest_update.update_id is not null or inspections.published_on <= as_at_date
)

select * from final;

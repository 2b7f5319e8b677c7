-- Every finding of the reports published in the period (on or after $since, up to $as_at), in full,
-- with its owner, tactical lead, governance board, deadline and position as at $as_at.
-- grain: one row per finding (recommendation, area for improvement or cause of concern)
-- reads: recommendations, updates, inspections (through rec_state)
-- params: $force_id VARCHAR (null = all), $since DATE, $as_at DATE
with

state as (
    select * from rec_state($as_at::date, $force_id::varchar)
    where $force_id::varchar is null or force_id = $force_id::varchar
),

recommendations as (select rec_id, is_text_verbatim from recommendations),

final as (
    select
        state.inspection_id,
        state.rec_id,
        state.ref,
        state.finding_name,
        state.finding_ref,
        state.report_name,
        state.kind,
        state.addressed_to,
        state.text,
        coalesce(recommendations.is_text_verbatim, true) as is_text_verbatim,
        state.deadline_text,
        state.due_on,
        state.days_overdue,
        state.original_due_on,
        state.revision_count,
        state.days_slipped,
        state.chief_officer_lead,
        state.tactical_lead,
        state.governance_board,
        state.status,
        state.rag,
        state.status_as_at,
        state.note,
        state.is_force_workload,
        state.issued_on,
    from state
    left join recommendations using (rec_id)
    where state.issued_on between $since::date and $as_at::date
)

select * from final
order by
    issued_on,
    inspection_id,
    list_position(['cause_of_concern', 'recommendation', 'area_for_improvement'], kind),
    rec_id

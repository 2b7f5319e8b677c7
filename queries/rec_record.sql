-- One finding's full record as at a date: its whole text, the deadline as written and as
-- computed (when revised, the original date, days slipped and the latest reason too), owners,
-- its inspection, and its state (status, RAG, latest note).
-- grain: one row (none when the record is unknown, not the force's, or not issued by $as_at)
-- reads: recommendations, updates, inspections (through the rec_state macro)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces), $rec_id VARCHAR
with

state as (
    select * from rec_state($as_at::date, $force_id::varchar)
    where rec_id = $rec_id::varchar
      and ($force_id::varchar is null or force_id = $force_id::varchar)
),
recommendations as (select * from recommendations),
inspections as (select * from inspections),

final as (
    select
        state.rec_id,
        state.finding_name as reference,
        state.kind,
        state.addressed_to,
        state.text,
        recommendations.is_text_verbatim,
        recommendations.source,
        state.inspection_id,
        state.inspection_title,
        state.issued_on,
        inspections.url as inspection_url,
        state.deadline_text,
        state.due_on,
        state.due_source,
        state.original_due_on,
        state.revision_count,
        state.days_slipped,
        state.is_slipped,
        state.has_missed_original_due,
        state.last_revised_on,
        state.last_revision_reason,
        state.days_to_due,
        state.days_overdue,
        state.is_open,
        state.is_overdue,
        state.peel_area,
        state.chief_officer_lead,
        state.tactical_lead,
        state.governance_board,
        state.parent_rec_id,
        state.supersedes_rec_id,
        state.status,
        state.rag,
        state.status_as_at,
        state.note,
    from state
    inner join recommendations using (rec_id)
    left join inspections on inspections.inspection_id = state.inspection_id
)

select * from final

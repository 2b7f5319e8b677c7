-- Findings whose RAG grade moved between two recorded positions, at the start of the period and
-- at the meeting date (a first position is not a move: see status_moves.sql).
-- grain: one row per finding whose recorded RAG changed
-- reads: recommendations, updates, inspections (through rec_state_force_changes)
-- params: $force_id VARCHAR (null = all), $since DATE, $as_at DATE
with

changes as (
    select * from rec_state_force_changes($since::date, $as_at::date, $force_id::varchar)
    where change_kind = 'moved' and rag_from <> rag
),

rag as (select rag, display_order from rag),

final as (
    select
        changes.rec_id,
        changes.inspection_title,
        changes.ref,
        changes.finding_name,
        changes.finding_ref,
        changes.report_name,
        changes.kind,
        changes.chief_officer_lead,
        changes.rag_from as from_rag,
        changes.rag as to_rag,
        changes.status_from as from_status,
        changes.status as to_status,
        changes.note,
        now_rag.display_order < then_rag.display_order as is_worse,
    from changes
    left join rag as now_rag on now_rag.rag = changes.rag
    left join rag as then_rag on then_rag.rag = changes.rag_from
)

select * from final order by is_worse desc, inspection_title, rec_id

-- Findings whose RAG grade changed between the start of the period and the meeting date (new
-- findings are not moves: they are in received_findings).
-- grain: one row per finding whose RAG changed
-- reads: recommendations, updates, inspections (through rec_state)
-- params: $force_id VARCHAR (null = all), $since DATE, $as_at DATE
with

now_state as (
    select * from rec_state($as_at::date)
    where is_force_workload and ($force_id::varchar is null or force_id = $force_id::varchar)
),

then_state as (
    select rec_id, rag, status from rec_state($since::date)
    where $force_id::varchar is null or force_id = $force_id::varchar
),

rag as (select rag, display_order from rag),

final as (
    select
        now_state.rec_id,
        now_state.inspection_title,
        now_state.ref,
        now_state.kind,
        now_state.chief_officer_lead,
        then_state.rag as from_rag,
        now_state.rag as to_rag,
        then_state.status as from_status,
        now_state.status as to_status,
        now_state.note,
        now_rag.display_order < then_rag.display_order as is_worse,
    from now_state
    inner join then_state using (rec_id)
    left join rag as now_rag on now_rag.rag = now_state.rag
    left join rag as then_rag on then_rag.rag = then_state.rag
    where then_state.rag <> now_state.rag
)

select * from final order by is_worse desc, inspection_title, rec_id

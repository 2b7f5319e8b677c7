-- The RAG mix of each inspection's findings for a force as at a date: how many are red, amber,
-- green, blue and white. Only the force's own workload (items addressed to a national body are
-- left out).
-- grain: one row per (inspection, rag) with at least one finding
-- reads: recommendations, updates, inspections, rag (through the rec_state macro)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces)
with

state as (
    select * from rec_state($as_at::date)
    where is_force_workload
      and ($force_id::varchar is null or force_id = $force_id::varchar)
),
rag as (select * from rag),

final as (
    select
        state.inspection_id,
        state.inspection_title,
        state.issued_on,
        state.rag,
        rag.label as rag_label,
        rag.display_order as rag_order,
        count(*) as items,
        count(*) filter (where state.is_open) as open_items,
    from state
    left join rag using (rag)
    group by all
)

select * from final
order by issued_on desc nulls last, inspection_title, rag_order

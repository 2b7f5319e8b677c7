-- The RAG mix by kind of finding (recommendation, area for improvement, cause of concern) for a
-- force as at a date. Only the force's own workload (items addressed to a national body are left
-- out).
-- grain: one row per (kind, rag) with at least one finding
-- reads: recommendations, updates, inspections, rag (through rec_state_force)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces)
with

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
),
rag as (select * from rag),

final as (
    select
        state.kind,
        case state.kind
            when 'recommendation' then 1
            when 'area_for_improvement' then 2
            when 'cause_of_concern' then 3
            else 4
        end as kind_order,
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
order by kind_order, kind, rag_order

-- The RAG mix of each inspection's findings for a force as at a date: how many are red, amber,
-- green, blue and white. Only the force's own workload (items addressed to a national body are
-- left out). A national register has thousands of inspections per force: the $max_inspections
-- with the most open findings are kept (then the latest), and the rest are summed into one row
-- per RAG titled "Other N inspections" (inspection_id null, is_other true), listed last.
-- grain: one row per (inspection, rag) with at least one finding, plus one per rag for the rest
-- reads: recommendations, updates, inspections, rag (through rec_state_force)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces), $max_inspections INTEGER
with

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
),
rag as (select * from rag),

per_inspection as (
    select
        inspection_id,
        inspection_title,
        issued_on,
        rag,
        count(*) as items,
        count(*) filter (where is_open) as open_items,
    from state
    group by all
),

ranked as (
    select
        inspection_id,
        row_number() over (
            order by sum(open_items) desc, max(issued_on) desc nulls last, inspection_id
        ) as open_rank,
    from per_inspection
    group by inspection_id
),

others as (
    select count(*) as n from ranked where open_rank > $max_inspections::integer
),

kept as (
    select per_inspection.*, false as is_other
    from per_inspection
    inner join ranked using (inspection_id)
    where ranked.open_rank <= $max_inspections::integer
),

folded as (
    select
        null::varchar as inspection_id,
        case
            when (select n from others) = 1 then 'One other inspection'
            else format('Other {:,} inspections', (select n from others))
        end as inspection_title,
        null::date as issued_on,
        per_inspection.rag,
        sum(per_inspection.items)::bigint as items,
        sum(per_inspection.open_items)::bigint as open_items,
        true as is_other,
    from per_inspection
    inner join ranked using (inspection_id)
    where ranked.open_rank > $max_inspections::integer
    group by per_inspection.rag
),

final as (
    select
        mix.inspection_id,
        mix.inspection_title,
        mix.issued_on,
        mix.rag,
        rag.label as rag_label,
        rag.display_order as rag_order,
        mix.items,
        mix.open_items,
        mix.is_other,
    from (select * from kept union all select * from folded) as mix
    left join rag using (rag)
)

select * from final
order by is_other, issued_on desc nulls last, inspection_title, rag_order

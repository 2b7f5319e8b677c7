-- Open items with a due date summarised per inspection or per chief officer lead: how many, how
-- many overdue, how many slipped (due date moved later than the report's), the RAG mix, the span from first issue to last due date, and the most severe RAG
-- (red, then amber, then white = not graded, then green, then no position recorded, then
-- blue; most_severe_rag is null when that is no position recorded). Used to draw one bar per
-- group when there are too many items to draw one bar each.
-- grain: one row per group (inspection or chief officer lead) with an open item that has a due_on
-- reads: recommendations, updates, inspections (through the timeline_grouped macro)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces), $group_by VARCHAR ('inspection' or 'lead')
with

grouped as (
    select
        *,
        case rag
            when 'red' then 1 when 'amber' then 2 when 'white' then 3 when 'green' then 4
            when 'blue' then 6
            else 5
        end as rag_severity,
    from timeline_grouped($as_at::date, $force_id::varchar, $group_by::varchar)
),

final as (
    select
        group_key,
        group_label,
        count(*) as items,
        count(*) filter (where is_overdue) as overdue,
        count(*) filter (where is_slipped) as slipped,
        count(*) filter (where rag = 'red') as red,
        count(*) filter (where rag = 'amber') as amber,
        count(*) filter (where rag = 'green') as green,
        count(*) filter (where rag = 'blue') as blue,
        count(*) filter (where rag = 'white') as white,
        count(*) filter (where rag is null) as not_recorded,
        min(issued_on) as first_issued_on,
        min(due_on) as first_due_on,
        max(due_on) as last_due_on,
        arg_min_null(rag, rag_severity) as most_severe_rag,
    from grouped
    group by group_key, group_label
)

select * from final order by first_due_on, group_label

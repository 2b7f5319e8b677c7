-- The RAG mix of open findings at the start of the period and at the meeting date, every RAG code
-- listed (zero when none).
-- grain: one row per (position, rag); position is 'since' or 'meeting'
-- reads: rag, recommendations, updates, inspections (through rec_state)
-- params: $force_id VARCHAR (null = all), $since DATE, $as_at DATE
with

rag as (select * from rag),

positions as (
    select 'since' as position, 1 as position_order, $since::date as as_at
    union all
    select 'meeting', 2, $as_at::date
),

open_then as (
    select 'since' as position, rag
    from rec_state($since::date)
    where is_open and is_force_workload and ($force_id::varchar is null or force_id = $force_id::varchar)
),

open_now as (
    select 'meeting' as position, rag
    from rec_state($as_at::date)
    where is_open and is_force_workload and ($force_id::varchar is null or force_id = $force_id::varchar)
),

counts as (
    select position, rag, count(*) as findings
    from (select * from open_then union all select * from open_now)
    group by position, rag
),

final as (
    select
        positions.position,
        positions.as_at,
        rag.rag,
        rag.label,
        coalesce(counts.findings, 0) as findings,
    from positions
    cross join rag
    left join counts using (position, rag)
    order by positions.position_order, rag.display_order
)

select * from final

-- The RAG mix of the force's open findings at the start of the period and at the meeting date,
-- every RAG code listed (zero when none), then the open findings with no position recorded
-- (rag null, label 'No position recorded': nobody has graded them, so they are not counted white).
-- grain: one row per (position, rag), and one per position for no position recorded; position
--        is 'since' or 'meeting'
-- reads: rag, recommendations, updates, inspections (through rec_state_force)
-- params: $force_id VARCHAR (null = all), $since DATE, $as_at DATE
with

rag as (select rag, label, display_order from rag),

positions as (
    select 'since' as position, 1 as position_order, $since::date as as_at
    union all
    select 'meeting', 2, $as_at::date
),

open_then as (
    select 'since' as position, rag
    from rec_state_force($since::date, $force_id::varchar)
    where is_open
),

open_now as (
    select 'meeting' as position, rag
    from rec_state_force($as_at::date, $force_id::varchar)
    where is_open
),

counts as (
    select position, rag, count(*) as findings
    from (select * from open_then union all select * from open_now)
    group by position, rag
),

graded as (
    select
        positions.position,
        positions.position_order,
        positions.as_at,
        rag.rag,
        rag.label,
        rag.display_order,
        coalesce(counts.findings, 0) as findings,
    from positions
    cross join rag
    left join counts using (position, rag)
),

not_recorded as (
    select
        positions.position,
        positions.position_order,
        positions.as_at,
        null::varchar as rag,
        'No position recorded' as label,
        99 as display_order,
        coalesce(counts.findings, 0) as findings,
    from positions
    left join counts on counts.position = positions.position and counts.rag is null
),

final as (
    select position, as_at, rag, label, findings
    from (select * from graded union all select * from not_recorded)
    order by position_order, display_order
)

select * from final

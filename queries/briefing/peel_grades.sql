-- The force's PEEL grades in the three latest cycles published before the meeting, for the
-- briefing's summary table. A cycle counts as published before the meeting when its first year is
-- before the meeting's year (2017 for a meeting in 2018): peel_grades holds no publication dates,
-- and each cycle's reports were published during the year after it started.
-- grain: one row per (row_pillar, theme, cycle) with a grade for the force
-- reads: peel_areas, peel_grades, grade_scales (through the peel_cells macro)
-- params: $force_id VARCHAR, $as_at DATE
with

cells as (
    select * from peel_cells($force_id::varchar)
    where grade is not null and cast(left(cycle, 4) as integer) < year($as_at::date)
),

latest_cycles as (
    select distinct cycle from cells
    order by cycle desc
    limit 3
),

final as (
    select
        cells.row_pillar,
        cells.theme,
        cells.row_order,
        cells.cycle,
        cells.area,
        cells.grade,
        cells.grade_rank,
        cells.scale_points,
        cells.cell_state,
        cells.source_url,
    from cells
    inner join latest_cycles using (cycle)
)

select * from final order by row_order, cycle

-- The latest moves in the force's PEEL grades before the meeting: for each theme graded in the
-- latest cycle published before the meeting (see briefing/peel_grades), its grade against the
-- theme's previous ranked grade. Grades on different scales are not compared.
-- grain: one row per (row_pillar, theme) graded in the latest cycle with an earlier ranked grade
-- reads: peel_areas, peel_grades, grade_scales (through the peel_cells macro)
-- params: $force_id VARCHAR, $as_at DATE
with

cells as (
    select * from peel_cells($force_id::varchar)
    where grade_rank is not null and cast(left(cycle, 4) as integer) < year($as_at::date)
),

latest as (select max(cycle) as cycle from cells),

paired as (
    select
        *,
        lag(cycle) over theme_cycles as from_cycle,
        lag(grade) over theme_cycles as from_grade,
        lag(grade_rank) over theme_cycles as from_rank,
        lag(scale_points) over theme_cycles as from_scale_points,
    from cells
    window theme_cycles as (partition by row_pillar, theme order by cycle)
),

final as (
    select
        paired.row_pillar,
        paired.theme,
        paired.row_order,
        paired.from_cycle,
        paired.from_grade,
        paired.cycle as to_cycle,
        paired.grade as to_grade,
        peel_move(
            paired.from_rank, paired.grade_rank, paired.from_scale_points, paired.scale_points
        ) as move,
    from paired
    inner join latest using (cycle)
    where paired.from_cycle is not null
)

select * from final order by row_order

-- The grade matrix of one force: each PEEL area (followed by its theme) in each cycle's framework,
-- with the force's grade, or why there is none (an ungraded area, or no grade in the data).
-- Unless $show_all_areas, only the rows and cycles in which the force has a grade.
-- grain: one row per (row_pillar, theme, cycle) whose cycle's framework holds the theme
-- reads: peel_areas, peel_grades, grade_scales (through the peel_cells macro)
-- params: $force_id VARCHAR, $show_all_areas BOOLEAN
with

cells as (select * from peel_cells($force_id::varchar)),

matrix_rows as (
    select
        row_pillar,
        theme,
        count(grade) as force_grades,
    from cells
    group by row_pillar, theme
),

matrix_cycles as (
    select
        cycle,
        count(grade) as force_grades,
    from cells
    group by cycle
),

final as (
    select
        cells.row_pillar,
        cells.theme,
        cells.row_order,
        cells.cycle,
        cells.scale_points,
        cells.pillar,
        cells.area,
        cells.is_area_graded,
        cells.grade,
        cells.grade_rank,
        cells.cell_state,
        cells.source_url,
    from cells
    inner join matrix_rows using (row_pillar, theme)
    inner join matrix_cycles using (cycle)
    where
        $show_all_areas::boolean
        or (matrix_rows.force_grades > 0 and matrix_cycles.force_grades > 0)
)

select * from final order by row_order, cycle

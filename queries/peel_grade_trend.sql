-- A force's ranked PEEL grades by cycle for one pillar's themes, for the trend of rank by cycle
-- (one line per theme; the 4-point and 5-point scales are drawn apart, never joined).
-- grain: one row per (theme, cycle) with a ranked grade for the force, in the pillar's rows
-- reads: peel_areas, peel_grades, grade_scales (through the peel_cells macro)
-- params: $force_id VARCHAR, $pillar VARCHAR
with

cells as (select * from peel_cells($force_id::varchar)),

final as (
    select
        theme,
        row_order,
        cycle,
        scale_points,
        pillar,
        area,
        grade,
        grade_rank,
        source_url,
    from cells
    where row_pillar = $pillar::varchar and grade_rank is not null
)

select * from final order by row_order, cycle

-- A force's PEEL grades, each with its area's theme and the grade's rank on its cycle's scale.
-- grain: one row per (cycle, pillar, area) graded for the force
-- reads: peel_grades, peel_areas, grade_scales
-- params: $force_id VARCHAR
with

grades as (select * from peel_grades where force_id = $force_id::varchar),
areas as (select * from peel_areas),
scales as (select * from grade_scales),

final as (
    select
        grades.cycle,
        grades.pillar,
        grades.area,
        areas.theme,
        areas.display_order,
        grades.grade,
        scales.rank as grade_rank,
        grades.source_url,
    from grades
    left join areas using (cycle, pillar, area)
    left join scales using (cycle, grade)
)

select * from final order by cycle, pillar, display_order, area

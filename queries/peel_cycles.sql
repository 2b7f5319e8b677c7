-- PEEL cycles with their grading scale, how many forces the data grades in each, and the
-- selected force's grades; is_default marks the cycle the peer and national views open on.
-- grain: one row per cycle in grade_scales
-- reads: grade_scales, peel_grades, peel_areas
-- params: $force_id VARCHAR
with

scales as (select * from grade_scales),
grades as (select * from peel_grades),
areas as (select * from peel_areas),

scale_of_cycle as (
    select
        cycle,
        max(rank) as scale_points,
    from scales
    group by cycle
),

coverage as (
    select
        cycle,
        count(*) as grades,
        count(distinct force_id) as forces_graded,
        count(*) filter (where force_id = $force_id::varchar) as force_grades,
    from grades
    group by cycle
),

frameworks as (
    select
        cycle,
        string_agg(distinct pillar, ', ' order by pillar) as pillars,
    from areas
    group by cycle
),

joined as (
    select
        scale_of_cycle.cycle,
        scale_of_cycle.scale_points,
        frameworks.pillars,
        coalesce(coverage.grades, 0) as grades,
        coalesce(coverage.forces_graded, 0) as forces_graded,
        coalesce(coverage.force_grades, 0) as force_grades,
    from scale_of_cycle
    left join coverage using (cycle)
    left join frameworks using (cycle)
),

final as (
    select
        *,
        -- the latest of the best-covered cycles in which the force itself has grades
        force_grades > 0
        and row_number() over (
            order by (force_grades > 0) desc, forces_graded desc, cycle desc
        ) = 1 as is_default,
    from joined
)

select * from final order by cycle

-- The national picture for one cycle, pillar and area: how many forces got each grade (over the
-- forces the data has a grade for), which grade the selected force got, and how many forces the
-- data covers out of all forces.
-- grain: one row per grade of the cycle's scale (ungraded grades only when some force has one)
-- reads: forces, peel_grades, grade_scales
-- params: $cycle VARCHAR, $pillar VARCHAR, $area VARCHAR, $force_id VARCHAR
with

forces as (select * from forces),
scales as (select * from grade_scales where cycle = $cycle::varchar),
grades as (
    select *
    from peel_grades
    where cycle = $cycle::varchar and pillar = $pillar::varchar and area = $area::varchar
),

by_grade as (
    select
        grades.grade,
        count(*) as forces,
        string_agg(forces.name, '; ' order by forces.name) as force_names,
        bool_or(grades.force_id = $force_id::varchar) as is_force_grade,
    from grades
    inner join forces using (force_id)
    group by grades.grade
),

totals as (
    select
        (select count(*) from grades) as forces_covered,
        (select count(*) from forces) as forces_total,
),

final as (
    select
        scales.grade,
        scales.rank as grade_rank,
        coalesce(by_grade.forces, 0) as forces,
        coalesce(by_grade.is_force_grade, false) as is_force_grade,
        by_grade.force_names,
        totals.forces_covered,
        totals.forces_total,
    from scales
    cross join totals
    left join by_grade using (grade)
    where scales.rank is not null or by_grade.forces > 0
)

select * from final order by grade_rank desc nulls last, grade

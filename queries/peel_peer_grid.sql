-- The grades of the selected force and its chosen peers for one cycle and pillar: every force
-- against every area of that pillar that any of them has a grade for or that HMICFRS graded.
-- grain: one row per (force, area) for the selected force and $peer_ids
-- reads: forces, peel_areas, peel_grades, grade_scales
-- params: $force_id VARCHAR, $peer_ids VARCHAR[], $cycle VARCHAR, $pillar VARCHAR
with

forces as (select * from forces),
areas as (
    select * from peel_areas where cycle = $cycle::varchar and pillar = $pillar::varchar
),
grades as (
    select * from peel_grades where cycle = $cycle::varchar and pillar = $pillar::varchar
),
scales as (select * from grade_scales where cycle = $cycle::varchar),

compared as (
    select
        force_id,
        name,
        force_id = $force_id::varchar as is_selected,
    from forces
    where
        force_id = $force_id::varchar
        or list_contains(coalesce($peer_ids::varchar[], []::varchar[]), force_id)
),

shown_areas as (
    select areas.*
    from areas
    where
        areas.graded
        or exists (
            select 1
            from grades
            inner join compared using (force_id)
            where grades.area = areas.area
        )
),

final as (
    select
        compared.force_id,
        compared.name as force_name,
        compared.is_selected,
        shown_areas.area,
        shown_areas.theme,
        shown_areas.display_order,
        grades.grade,
        scales.rank as grade_rank,
        grades.source_url,
        case
            when grades.grade is not null and scales.rank is not null then 'graded'
            when grades.grade is not null then 'ungraded'
            when shown_areas.graded then 'no_grade_in_data'
            else 'area_not_graded'
        end as cell_state,
    from compared
    cross join shown_areas
    left join grades on grades.force_id = compared.force_id and grades.area = shown_areas.area
    left join scales using (grade)
)

select * from final order by not is_selected, force_name, display_order, area

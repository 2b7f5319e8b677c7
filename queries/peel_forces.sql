-- The forces of England and Wales with how many PEEL grades the data holds for each, and whether
-- each is a default peer of the selected force (it shares the force's region).
-- grain: one row per force
-- reads: forces, peel_grades
-- params: $force_id VARCHAR
with

forces as (select * from forces),
grades as (select * from peel_grades),

selected as (
    select region from forces where force_id = $force_id::varchar
),

grade_counts as (
    select
        force_id,
        count(*) as grades,
    from grades
    group by force_id
),

final as (
    select
        forces.force_id,
        forces.name,
        forces.region,
        forces.nation,
        coalesce(grade_counts.grades, 0) as grades,
        forces.force_id = $force_id::varchar as is_selected,
        forces.force_id <> $force_id::varchar
        and forces.region is not distinct from (select region from selected)
        and forces.region is not null as is_default_peer,
    from forces
    left join grade_counts using (force_id)
)

select * from final order by name

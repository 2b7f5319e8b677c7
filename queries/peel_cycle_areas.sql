-- The areas of one cycle's PEEL framework (all pillars), with how many forces the data grades in
-- each, for choosing a pillar and area to compare.
-- grain: one row per (pillar, area) in the cycle's framework
-- reads: peel_areas, peel_grades
-- params: $cycle VARCHAR
with

areas as (select * from peel_areas where cycle = $cycle::varchar),
grades as (select * from peel_grades where cycle = $cycle::varchar),

coverage as (
    select
        pillar,
        area,
        count(distinct force_id) as forces_graded,
    from grades
    group by pillar, area
),

final as (
    select
        areas.pillar,
        areas.area,
        areas.theme,
        areas.graded as is_area_graded,
        areas.display_order,
        coalesce(coverage.forces_graded, 0) as forces_graded,
        list_position(
            ['effectiveness', 'efficiency', 'legitimacy', 'leadership', 'peel'], areas.pillar
        ) as pillar_order,
    from areas
    left join coverage using (pillar, area)
)

select * exclude (pillar_order) from final order by pillar_order, display_order, area

-- Table macro peel_cells(for_force_id): every PEEL area of every cycle's framework, followed by
-- its theme, with the force's grade, the grade's rank on the cycle's scale, or why there is no
-- grade. The grade matrix, the trend and the year-on-year moves all build on it.
-- A theme's row sits under the pillar it had up to 2018/19 (row_pillar); a theme new from
-- 2021/22 sits under 'peel'. scale_points is the top rank of the cycle's scale (4 or 5).
-- grain: one row per (cycle, pillar, area) in peel_areas
-- reads: peel_areas, peel_grades, grade_scales
-- params: for_force_id VARCHAR (macro argument)
create or replace macro peel_cells(for_force_id) as table
with

areas as (select * from peel_areas),
grades as (select * from peel_grades where force_id = for_force_id),
scales as (select * from grade_scales),

scale_of_cycle as (
    select
        cycle,
        max(rank) as scale_points,
    from scales
    group by cycle
),

home_pillar as (
    select
        theme,
        coalesce(min(pillar) filter (where pillar <> 'peel'), 'peel') as home_pillar,
    from areas
    where theme <> 'overall'
    group by theme
),

placed as (
    select
        areas.*,
        case when areas.theme = 'overall' then areas.pillar else home_pillar.home_pillar end
            as row_pillar,
    from areas
    left join home_pillar using (theme)
),

row_orders as (
    select
        row_pillar,
        theme,
        list_position(
            ['effectiveness', 'efficiency', 'legitimacy', 'leadership', 'peel'], row_pillar
        ) as pillar_order,
        avg(display_order) filter (where pillar = row_pillar) as mean_display_order,
    from placed
    group by row_pillar, theme
),

final as (
    select
        placed.row_pillar,
        placed.theme,
        dense_rank() over (
            order by
                row_orders.pillar_order,
                placed.theme <> 'overall',
                row_orders.mean_display_order,
                placed.theme
        ) as row_order,
        placed.cycle,
        scale_of_cycle.scale_points,
        placed.pillar,
        placed.area,
        placed.graded as is_area_graded,
        placed.display_order,
        grades.grade,
        scales.rank as grade_rank,
        grades.source_url,
        case
            when grades.grade is not null and scales.rank is not null then 'graded'
            when grades.grade is not null then 'ungraded'
            when placed.graded then 'no_grade_in_data'
            else 'area_not_graded'
        end as cell_state,
    from placed
    inner join row_orders using (row_pillar, theme)
    left join grades using (cycle, pillar, area)
    left join scales using (cycle, grade)
    left join scale_of_cycle using (cycle)
)

select * from final;

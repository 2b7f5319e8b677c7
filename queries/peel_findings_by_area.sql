-- The findings in the tracker behind a force's PEEL grades: per PEEL theme and cycle, how many
-- causes of concern, areas for improvement and recommendations the force tracks, how many are
-- open as at the date, and the force's grade for that theme in that cycle. A finding's cycle is
-- its PEEL report's cycle (queries/derived/inspection_cycles.sql); other findings have no cycle.
-- grain: one row per (cycle, theme, kind) with at least one finding
-- reads: recommendations, updates, inspections, inspection_cycles, peel_areas, peel_grades
--        (rec_state_force macro)
-- params: $force_id VARCHAR, $as_at DATE
with

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
    where peel_area is not null
),
areas as (select * from peel_areas),
grades as (select * from peel_grades where force_id = $force_id::varchar),

inspection_cycle as (select * from inspection_cycles),

theme_grades as (
    select
        areas.cycle,
        areas.theme,
        grades.grade,
        grades.source_url,
    from grades
    inner join areas using (cycle, pillar, area)
    where areas.theme <> 'overall'
),

counted as (
    select
        inspection_cycle.cycle,
        state.peel_area as theme,
        state.kind,
        count(*) as findings,
        count(*) filter (where state.is_open) as open_findings,
        list(distinct state.inspection_id order by state.inspection_id) as inspection_ids,
    from state
    left join inspection_cycle using (inspection_id)
    group by all
),

final as (
    select
        counted.cycle,
        counted.theme,
        theme_grades.grade,
        counted.kind,
        counted.findings,
        counted.open_findings,
        counted.inspection_ids,
        list_position(
            ['cause_of_concern', 'area_for_improvement', 'recommendation'], counted.kind
        ) as kind_order,
    from counted
    left join theme_grades using (cycle, theme)
)

select * exclude (kind_order) from final order by cycle nulls last, theme, kind_order

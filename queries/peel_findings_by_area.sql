-- The findings in the tracker behind a force's PEEL grades: per PEEL theme and cycle, how many
-- causes of concern, areas for improvement and recommendations the force tracks, how many are
-- open as at the date, and the force's grade for that theme in that cycle. A finding's cycle is
-- its PEEL report's peel_cycle or, where a data set leaves that column empty, the cycle named in
-- the report's title (reports of kind peel or peel_national); other findings have no cycle.
-- grain: one row per (cycle, theme, kind) with at least one finding
-- reads: recommendations, updates, inspections, peel_areas, peel_grades (rec_state macro)
-- params: $force_id VARCHAR, $as_at DATE
with

state as (
    select *
    from rec_state($as_at::date)
    where force_id = $force_id::varchar and peel_area is not null
),
inspections as (select * from inspections),
areas as (select * from peel_areas),
grades as (select * from peel_grades where force_id = $force_id::varchar),

cycles as (select distinct cycle from areas),

-- Failing peel_cycle, the longest cycle name found as a whole token in the title ("2018/19"
-- before "2018").
cycle_in_title as (
    select
        inspections.inspection_id,
        arg_max(cycles.cycle, length(cycles.cycle)) as cycle,
    from inspections
    inner join cycles
        on regexp_matches(
            inspections.title, '(^|[^0-9])' || regexp_escape(cycles.cycle) || '($|[^0-9/-])'
        )
    where inspections.kind in ('peel', 'peel_national')
    group by inspections.inspection_id
),

inspection_cycle as (
    select
        inspections.inspection_id,
        coalesce(inspections.peel_cycle, cycle_in_title.cycle) as cycle,
    from inspections
    left join cycle_in_title using (inspection_id)
    where inspections.peel_cycle is not null or cycle_in_title.cycle is not null
),

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

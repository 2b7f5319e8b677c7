-- The force's grades in the PEEL cycles of the reports under review (received before the period,
-- with a finding still open as at $as_at): the grade table of the overview of reports for review.
-- grain: one row per (row_pillar, theme, cycle) with a grade for the force
-- reads: recommendations, updates, inspections, peel_areas, peel_grades, grade_scales
-- params: $force_id VARCHAR, $since DATE, $as_at DATE
with

state as (
    select * from rec_state($as_at::date, $force_id::varchar)
    where force_id = $force_id::varchar and is_force_workload
),

open_reports as (
    select distinct inspection_id from state
    where is_open and (issued_on is null or issued_on < $since::date)
),

cycles as (
    select distinct peel_cycle as cycle from inspections
    where kind = 'peel' and peel_cycle is not null
      and inspection_id in (select inspection_id from open_reports)
),

final as (
    select
        cells.row_pillar,
        cells.theme,
        cells.row_order,
        cells.cycle,
        cells.grade,
    from peel_cells($force_id::varchar) as cells
    where cells.grade is not null and cells.cycle in (select cycle from cycles)
)

select * from final order by row_order, cycle

-- The PEEL cycle of every PEEL report, built once when the data loads (a regular expression over
-- every title is too slow to run in each query): the report's peel_cycle or, where a data set
-- leaves that column empty, the longest cycle name of peel_areas found as a whole token in the
-- title ("2018/19" before "2018"). Reports of kind peel or peel_national only; other reports,
-- and PEEL reports whose cycle cannot be told, have no row.
-- grain: one row per inspection with a known PEEL cycle
-- reads: inspections, peel_areas
-- params: none
create or replace table inspection_cycles as
with

inspections as (select * from inspections),
cycles as (select distinct cycle from peel_areas),

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

final as (
    select
        inspections.inspection_id,
        coalesce(inspections.peel_cycle, cycle_in_title.cycle) as cycle,
    from inspections
    left join cycle_in_title using (inspection_id)
    where inspections.peel_cycle is not null or cycle_in_title.cycle is not null
)

select * from final
order by inspection_id

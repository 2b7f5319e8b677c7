-- How a committee names each finding, built once when the data loads: the report's short name and
-- the finding's number as the report gives it ("PEEL 2017 national · R2", "Online and on the
-- edge · R4", "PEEL 2016 effectiveness · AFI 3"). The number is the finding's `ref` where the data
-- holds one; otherwise the findings of one kind in one report (for one force) are numbered in the
-- report's order, which rec_id keeps (R1, R2, ...; AFI 1, ...; Cause of concern 1, ...). The
-- report's name is inspections.short_name, else its title. Every list shows finding_name, never
-- a record id.
-- grain: one row per recommendation
-- reads: recommendations, inspections
-- params: none
create or replace table finding_names as
with

recommendations as (select * from recommendations),
inspections as (select * from inspections),

numbered as (
    select
        recommendations.rec_id,
        recommendations.ref,
        recommendations.kind,
        coalesce(
            nullif(trim(inspections.short_name), ''),
            inspections.title,
            recommendations.inspection_id
        ) as report_name,
        row_number() over (
            partition by recommendations.inspection_id, recommendations.force_id, recommendations.kind
            order by recommendations.rec_id
        ) as number_in_report,
    from recommendations
    left join inspections using (inspection_id)
),

final as (
    select
        rec_id,
        report_name,
        coalesce(
            nullif(trim(ref), ''),
            case kind
                when 'recommendation' then 'R' || number_in_report
                when 'area_for_improvement' then 'AFI ' || number_in_report
                when 'cause_of_concern' then 'Cause of concern ' || number_in_report
                else '#' || number_in_report
            end
        ) as finding_ref,
    from numbered
)

select rec_id, report_name, finding_ref, report_name || ' · ' || finding_ref as finding_name,
from final
order by rec_id

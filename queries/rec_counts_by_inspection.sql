-- How many recommendations, areas for improvement and causes of concern each inspection brought
-- for a force (all of them, whatever the as-at date).
-- grain: one row per inspection with at least one finding
-- reads: recommendations, inspections
-- params: $force_id VARCHAR (null = all forces)
with

recommendations as (
    select * from recommendations
    where $force_id::varchar is null or force_id = $force_id::varchar
),
inspections as (select * from inspections),

final as (
    select
        inspections.inspection_id,
        inspections.title,
        inspections.published_on,
        count(*) filter (where recommendations.kind = 'recommendation') as recommendations,
        count(*) filter (where recommendations.kind = 'area_for_improvement') as areas_for_improvement,
        count(*) filter (where recommendations.kind = 'cause_of_concern') as causes_of_concern,
        count(*) as findings,
    from recommendations
    inner join inspections using (inspection_id)
    group by all
)

select * from final order by published_on nulls last, inspection_id

-- Problems: updates dated before the report that made the recommendation was published.
-- grain: one row per problem (table_name, _row, column_name, message)
-- reads: updates, recommendations, inspections
-- params: none
-- row-local: updates (a problem on an update depends on that update alone)
with

updates as (select * from updates),
recommendations as (select * from recommendations),
inspections as (select * from inspections),

final as (
    select
        'updates' as table_name,
        updates._row,
        'as_at' as column_name,
        'update as at ' || updates.as_at || ' is before ' || inspections.inspection_id
            || ' was published (' || inspections.published_on || ')' as message,
    from updates
    inner join recommendations using (rec_id)
    inner join inspections on inspections.inspection_id = recommendations.inspection_id
    where updates.as_at < inspections.published_on
)

select * from final

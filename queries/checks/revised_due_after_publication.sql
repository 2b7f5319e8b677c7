-- Problems: a revised due date before the report that made the finding was published (a
-- deadline cannot fall before the finding existed).
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
        'revised_due_on' as column_name,
        'revised due date ' || updates.revised_due_on || ' is before ' || inspections.inspection_id
            || ' was published (' || inspections.published_on || ')' as message,
    from updates
    inner join recommendations using (rec_id)
    inner join inspections on inspections.inspection_id = recommendations.inspection_id
    where updates.revised_due_on < inspections.published_on
)

select * from final

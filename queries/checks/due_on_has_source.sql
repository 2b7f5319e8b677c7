-- Problems: a due date with no due_source (who set it: the inspectorate or the force).
-- grain: one row per problem (table_name, _row, column_name, message)
-- reads: recommendations
-- params: none
select
    'recommendations' as table_name,
    _row,
    'due_source' as column_name,
    'empty, but due_on is ' || due_on || ' (say who set it: inspectorate or force)' as message,
from recommendations
where due_on is not null and due_source is null

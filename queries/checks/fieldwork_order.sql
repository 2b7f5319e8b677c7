-- Problems: inspections whose fieldwork ends before it starts.
-- grain: one row per problem (table_name, _row, column_name, message)
-- reads: inspections
-- params: none
select
    'inspections' as table_name,
    _row,
    'fieldwork_end' as column_name,
    'fieldwork ends (' || fieldwork_end || ') before it starts (' || fieldwork_start || ')' as message,
from inspections
where fieldwork_end < fieldwork_start

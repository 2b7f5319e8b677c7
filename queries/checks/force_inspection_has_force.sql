-- Problems: a force's own PEEL assessment with no force_id.
-- grain: one row per problem (table_name, _row, column_name, message)
-- reads: inspections
-- params: none
select
    'inspections' as table_name,
    _row,
    'force_id' as column_name,
    'a peel inspection is of one force: force_id is required' as message,
from inspections
where kind = 'peel' and force_id is null

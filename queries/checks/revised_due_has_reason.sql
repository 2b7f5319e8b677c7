-- Problems: a revised due date recorded without the reason for it. A committee asks why a
-- deadline moved, so a revision is only accepted with its reason.
-- grain: one row per problem (table_name, _row, column_name, message)
-- reads: updates
-- params: none
-- row-local: updates (a problem on an update depends on that update alone)
select
    'updates' as table_name,
    _row,
    'revision_reason' as column_name,
    'revised_due_on is ' || revised_due_on || ' but revision_reason is empty: '
        || 'say why the due date moved' as message,
from updates
where revised_due_on is not null
  and trim(coalesce(revision_reason, '')) = ''

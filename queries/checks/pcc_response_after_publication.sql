-- Problems: a police and crime commissioner's response published, or due, before the report it
-- answers; and a response address that is not a web address.
-- grain: one row per problem (table_name, _row, column_name, message)
-- reads: inspections
-- params: none
select
    'inspections' as table_name,
    _row,
    'pcc_response_published_on' as column_name,
    'the response is dated ' || pcc_response_published_on || ', before the report was published ('
        || published_on || ')' as message,
from inspections
where pcc_response_published_on < published_on

union all

select
    'inspections',
    _row,
    'pcc_response_due_on',
    'the response is due ' || pcc_response_due_on || ', before the report was published ('
        || published_on || ')',
from inspections
where pcc_response_due_on < published_on

union all

select
    'inspections',
    _row,
    'pcc_response_url',
    '''' || pcc_response_url || ''' is not a web address (http:// or https://)',
from inspections
where pcc_response_url is not null
  and not regexp_matches(pcc_response_url, '^https?://\S+$')

-- Problems: a supersedes_rec_id that names no recommendation.
-- grain: one row per problem (table_name, _row, column_name, message)
-- reads: recommendations
-- params: none
select
    'recommendations' as table_name,
    r._row,
    'supersedes_rec_id' as column_name,
    '''' || r.supersedes_rec_id || ''' is not a known recommendations.rec_id' as message,
from recommendations as r
where r.supersedes_rec_id is not null
  and r.supersedes_rec_id not in (select rec_id from recommendations where rec_id is not null)

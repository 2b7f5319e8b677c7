-- Problems: a grade whose source a reader cannot open: it must be a web address or a
-- meeting's paper (meeting:<meeting_id> naming a row of meetings.csv).
-- grain: one row per problem (table_name, _row, column_name, message)
-- reads: peel_grades, meetings
-- params: none
select
    'peel_grades' as table_name,
    g._row,
    'source_url' as column_name,
    '''' || g.source_url || ''' is neither a web address nor meeting:<a meeting_id>' as message,
from peel_grades as g
where g.source_url is not null
  and not regexp_matches(g.source_url, '^https?://\S+$')
  and not (
      g.source_url like 'meeting:%'
      and substr(g.source_url, 9) in (select meeting_id from meetings where meeting_id is not null)
  )

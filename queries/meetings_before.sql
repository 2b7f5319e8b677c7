-- The committee meetings held before a date, newest first: the last one is "the last meeting"
-- that the Overview's changes count from, and the one before it bounds the previous window.
-- grain: one row per meeting held before $as_at
-- reads: meetings
-- params: $as_at DATE
select meeting_id, committee, held_on, title
from meetings
where held_on < $as_at::date
order by held_on desc, meeting_id desc

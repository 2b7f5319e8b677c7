-- The committee meetings and the papers held for them.
-- grain: one row per meeting
-- reads: meetings
-- params: none
select meeting_id, committee, held_on, title, paper, source_file
from meetings
order by held_on desc

-- The meeting held on a date (if one is recorded), and the meetings before and after it: the
-- previous meeting bounds "since the last meeting", the next one "due before the next meeting".
-- Same committee as the meeting when it is recorded; any committee when the date is not a meeting.
-- grain: one row
-- reads: meetings
-- params: $meeting_on DATE
with

meetings as (select * from meetings),

this_meeting as (
    select * from meetings
    where held_on = $meeting_on::date
    order by meeting_id
    limit 1
),

final as (
    select
        $meeting_on::date as meeting_on,
        this_meeting.meeting_id,
        this_meeting.committee,
        this_meeting.title,
        this_meeting.paper,
        (
            select max(m.held_on) from meetings as m
            where
                m.held_on < $meeting_on::date
                and (this_meeting.committee is null or m.committee = this_meeting.committee)
        ) as previous_held_on,
        (
            select min(m.held_on) from meetings as m
            where
                m.held_on > $meeting_on::date
                and (this_meeting.committee is null or m.committee = this_meeting.committee)
        ) as next_held_on,
    from (select 1) as one_row
    left join this_meeting on true
)

select * from final

-- The words of the meeting's paper that belong to no single finding (narrative.csv): background
-- paragraphs, what a report is, the force's answer to a report as a whole, a remark on a PEEL
-- area. The meeting is the one held on the date (the first by meeting_id when several are).
-- grain: one row per paragraph
-- reads: narrative, meetings
-- params: $meeting_on DATE
with

meetings as (select * from meetings),
narrative as (select * from narrative),

this_meeting as (
    select meeting_id from meetings
    where held_on = $meeting_on::date
    order by meeting_id
    limit 1
),

final as (
    select
        narrative.section,
        narrative.inspection_id,
        narrative.theme,
        narrative.display_order,
        narrative.text,
    from narrative
    inner join this_meeting using (meeting_id)
)

select * from final
order by section, display_order

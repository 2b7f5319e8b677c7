-- The headline figures of the briefing's background: what the force tracks as at the meeting,
-- and how its findings changed since the start of the period, split as the Overview splits them
-- (queries/macros/rec_state_force_changes.sql): moved (between two recorded positions),
-- first_recorded (first position recorded in the period; issued_since of them from reports
-- published in the period), no_position (none recorded by the meeting), and closed_since
-- (recorded as open at the start, or issued in the period, and closed by the meeting).
-- grain: one row
-- reads: recommendations, updates, inspections (through rec_state_force_changes)
-- params: $force_id VARCHAR (null = all), $since DATE, $as_at DATE
with

changes as (
    select * from rec_state_force_changes($since::date, $as_at::date, $force_id::varchar)
),

final as (
    select
        count(*) as findings,
        count(distinct inspection_id) as inspections,
        count(*) filter (where is_open) as open,
        count(*) filter (where is_overdue) as overdue,
        count(*) filter (where is_open and rag = 'red') as red,
        count(*) filter (where is_open and due_on is not null) as open_with_due_date,
        count(*) filter (where is_issued_in_period) as issued_since,
        count(*) filter (where change_kind = 'moved') as moved_since,
        count(*) filter (where change_kind = 'first_recorded') as first_recorded_since,
        count(*) filter (where change_kind = 'first_recorded' and is_issued_in_period)
            as first_recorded_issued_since,
        count(*) filter (where change_kind = 'no_position') as no_position,
        count(*) filter (where is_closed_in_period)
            as closed_since,
    from changes
)

select * from final

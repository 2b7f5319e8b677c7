-- The Overview's five tiles for a force as at a date, each also as at the comparison date, so a
-- page can show the change: open, overdue, red, due within the horizon, and closed in the window
-- (recorded as open on $since, or issued since, and closed by $as_at, against the same in the
-- window of the meeting cycle before it), and how the findings changed in the window
-- (moved, first recorded, no position recorded: the split the briefing pack uses).
-- Only the force's own workload counts (queries/macros/rec_state_force.sql): items addressed to
-- a national body are left out, and counted apart so the page can say so.
-- grain: one row
-- reads: recommendations, updates, inspections (through rec_state_force and
--        rec_state_force_changes)
-- params: $as_at DATE, $since DATE, $prev_since DATE, $horizon_days INTEGER, $force_id VARCHAR (null = all forces)
with

now_changes as (
    select * from rec_state_force_changes($since::date, $as_at::date, $force_id::varchar)
),
since_changes as (
    select * from rec_state_force_changes($prev_since::date, $since::date, $force_id::varchar)
),
since_state as (select * from rec_state_force($since::date, $force_id::varchar)),

now_figures as (
    select
        count(*) filter (where is_open) as open_now,
        count(*) filter (where is_overdue) as overdue_now,
        count(*) filter (where rag = 'red') as red_now,
        count(*) filter (
            where is_open and due_on between $as_at::date and $as_at::date + to_days($horizon_days::integer)
        ) as due_soon_now,
        count(*) filter (where is_open and has_no_update) as open_no_position,
        count(*) filter (where change_kind = 'moved') as moved,
        count(*) filter (where change_kind = 'first_recorded') as first_recorded,
        count(*) filter (where change_kind = 'first_recorded' and is_issued_in_period)
            as first_recorded_issued_in_period,
        count(*) filter (where change_kind = 'no_position') as no_position,
        count(*) filter (where is_closed_in_period)
            as closed_in_window,
    from now_changes
),

since_figures as (
    select
        count(*) filter (where is_open) as open_since,
        count(*) filter (where is_overdue) as overdue_since,
        count(*) filter (where rag = 'red') as red_since,
        count(*) filter (
            where is_open and due_on between $since::date and $since::date + to_days($horizon_days::integer)
        ) as due_soon_since,
    from since_state
),

closed_before as (
    select count(*) filter (where is_closed_in_period)
        as closed_in_previous_window
    from since_changes
),

national as (
    select count(*) as national_body_items
    from rec_state($as_at::date, $force_id::varchar)
    where not is_force_workload
      and ($force_id::varchar is null or force_id = $force_id::varchar)
),

final as (
    select
        now_figures.open_now,
        now_figures.open_now - since_figures.open_since as open_change,
        now_figures.overdue_now,
        now_figures.overdue_now - since_figures.overdue_since as overdue_change,
        now_figures.red_now,
        now_figures.red_now - since_figures.red_since as red_change,
        now_figures.due_soon_now,
        now_figures.due_soon_now - since_figures.due_soon_since as due_soon_change,
        now_figures.closed_in_window,
        now_figures.closed_in_window - closed_before.closed_in_previous_window as closed_change,
        now_figures.open_no_position,
        now_figures.moved,
        now_figures.first_recorded,
        now_figures.first_recorded_issued_in_period,
        now_figures.no_position,
        national.national_body_items,
    from now_figures
    cross join since_figures
    cross join closed_before
    cross join national
)

select * from final

-- The Overview's five tiles for a force as at a date, each also as at the comparison date, so a
-- page can show the change: open, overdue, red, due within the horizon, and closed in the window
-- (closed since $since, against closed in the window of the same meeting cycle before it).
-- Only the force's own workload counts: items addressed to a national body are left out, and
-- counted apart so the page can say so.
-- grain: one row
-- reads: recommendations, updates, inspections (through the rec_state macro)
-- params: $as_at DATE, $since DATE, $prev_since DATE, $horizon_days INTEGER, $force_id VARCHAR (null = all forces)
with

now_state as (
    select * from rec_state($as_at::date)
    where $force_id::varchar is null or force_id = $force_id::varchar
),
since_state as (
    select * from rec_state($since::date)
    where $force_id::varchar is null or force_id = $force_id::varchar
),
prev_state as (
    select * from rec_state($prev_since::date)
    where $force_id::varchar is null or force_id = $force_id::varchar
),

now_figures as (
    select
        count(*) filter (where is_open) as open_now,
        count(*) filter (where is_overdue) as overdue_now,
        count(*) filter (where rag = 'red') as red_now,
        count(*) filter (
            where is_open and due_on between $as_at::date and $as_at::date + to_days($horizon_days::integer)
        ) as due_soon_now,
    from now_state
    where is_force_workload
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
    where is_force_workload
),

-- closed in a window = not open at its end, and open at its start or not yet recorded then
closed_now as (
    select count(*) as closed_in_window
    from now_state
    left join since_state using (rec_id)
    where now_state.is_force_workload
      and not now_state.is_open
      and coalesce(since_state.is_open, true)
),

closed_before as (
    select count(*) as closed_in_previous_window
    from since_state
    left join prev_state using (rec_id)
    where since_state.is_force_workload
      and not since_state.is_open
      and coalesce(prev_state.is_open, true)
),

national as (
    select count(*) as national_body_items
    from now_state
    where not is_force_workload
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
        closed_now.closed_in_window,
        closed_now.closed_in_window - closed_before.closed_in_previous_window as closed_change,
        national.national_body_items,
    from now_figures
    cross join since_figures
    cross join closed_now
    cross join closed_before
    cross join national
)

select * from final

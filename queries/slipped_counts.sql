-- The Overview's "Slipped" figure: the force's open findings whose due date in force is later
-- than the report's, as at a date and as at the comparison date; how many of them are past
-- their original date (slipped rather than overdue), and how many are overdue even against the
-- revised date. Only the force's own workload (items addressed to a national body left out).
-- grain: one row
-- reads: recommendations, updates, inspections (through rec_state_force)
-- params: $as_at DATE, $since DATE, $force_id VARCHAR (null = all forces)
with

now_state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
),
since_state as (
    select * from rec_state_force($since::date, $force_id::varchar)
),

now_figures as (
    select
        count(*) filter (where is_slipped) as slipped_now,
        count(*) filter (where is_slipped and has_missed_original_due and not is_overdue)
            as slipped_not_overdue,
        count(*) filter (where is_slipped and is_overdue) as slipped_and_overdue,
    from now_state
),

since_figures as (
    select count(*) filter (where is_slipped) as slipped_since,
    from since_state
),

final as (
    select
        now_figures.slipped_now,
        now_figures.slipped_now - since_figures.slipped_since as slipped_change,
        now_figures.slipped_not_overdue,
        now_figures.slipped_and_overdue,
    from now_figures
    cross join since_figures
)

select * from final

-- Every revision of a finding's due date, built once when the data loads: the positions in
-- updates.csv that give a revised_due_on different from the due date in force before them (the
-- previous revision, else the report's recommendations.due_on). A position that repeats the date
-- already in force is not a new revision. Each revision carries its number (1 = the first time
-- the date moved) and the date of the next revision, so the due date in force as at any date is a
-- filter (revised_on <= date < next_revised_on; see queries/macros/current_due.sql).
-- The order is rec_state's: as_at, then recorded_at (nulls first), then update_id.
-- grain: one row per position that moved a finding's due date
-- reads: updates, recommendations
-- params: none
create or replace table due_revisions as
with

updates as (
    select rec_id, update_id, as_at, recorded_at, status, revised_due_on, revision_reason,
    from updates
    where revised_due_on is not null
),
recommendations as (select rec_id, due_on from recommendations),

in_order as (
    select
        updates.*,
        coalesce(
            lag(updates.revised_due_on) over (
                partition by updates.rec_id
                order by updates.as_at, updates.recorded_at nulls first, updates.update_id
            ),
            recommendations.due_on
        ) as due_before,
    from updates
    left join recommendations using (rec_id)
),

moves as (
    select * from in_order
    where revised_due_on is distinct from due_before
),

final as (
    select
        rec_id,
        update_id,
        as_at as revised_on,
        due_before,
        revised_due_on,
        revision_reason,
        status as status_when_revised,
        row_number() over by_finding as revision_number,
        lead(as_at) over by_finding as next_revised_on,
    from moves
    window by_finding as (
        partition by rec_id order by as_at, recorded_at nulls first, update_id
    )
)

select * from final
order by rec_id, revised_on

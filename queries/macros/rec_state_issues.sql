-- Table macro rec_state_issues(as_at_date, force): the items a tracker's owner should look at as at
-- a date: open items with no chief officer lead, no due date, overdue but not graded red, or no
-- update for more than stale_days() days (queries/macros/vocabulary.sql); any item with updates
-- dated after its closure, or with its due date revised on or after its closure (a data-quality
-- warning, not an error); any item closed without a recorded approval (four-eyes sign-off); and
-- any item whose report has no publication date. Recommendations addressed to national bodies are not
-- force workload and are left out (rec_state_force). (Named to sort after rec_state_force.sql,
-- which it builds on.)
-- grain: one row per (recommendation, issue found)
-- reads: recommendations, updates (as update_spans), inspections, finding_names (also through
--        rec_state_force)
-- params: as_at_date DATE, force VARCHAR (null = all forces) (macro arguments)
create or replace macro rec_state_issues(as_at_date, force) as table
with

recommendations as (
    select * from recommendations
    where addressed_to <> 'national_body'
      and (force is null or force_id = force)
),
inspections as (select * from inspections),
-- the force's updates only: update_spans is stored by rec_id (a force's together), so the semi
-- join lets DuckDB skip the other forces' rows
updates as (
    select update_spans.*
    from update_spans
    semi join recommendations using (rec_id)
    where update_spans.as_at <= as_at_date
),

all_state as (select * from rec_state_force(as_at_date, force)),

state as (select * from all_state where is_open),

first_closure as (
    select
        rec_id,
        min(as_at) as closed_on,
    from updates
    where not is_open_status(status)
    group by rec_id
),

updated_after_closure as (
    select distinct updates.rec_id
    from updates
    inner join first_closure using (rec_id)
    where updates.as_at > first_closure.closed_on
),

-- a revised due date recorded on or after the finding's closure: a closed finding has no deadline
revised_after_closure as (
    select distinct updates.rec_id
    from updates
    inner join first_closure using (rec_id)
    where updates.revised_due_on is not null
      and updates.as_at >= first_closure.closed_on
),

-- closed by a position that names no approval (curated from papers before sign-off was
-- recorded, or written outside the app): valid, but nobody is recorded as having signed it off
closed_without_approval as (
    select rec_id
    from updates
    where status = 'closed'
      and approves_update_id is null
      and (next_as_at is null or next_as_at > as_at_date)
),

issues as (
    select rec_id, 'No chief officer lead' as issue from state where chief_officer_lead is null
    union all
    select rec_id, 'No due date' from state where due_on is null
    union all
    select rec_id, 'Overdue but not graded red' from state where is_overdue and rag is distinct from 'red'
    union all
    select rec_id, format('No update for more than {} days', stale_days())
    from state
    where is_stale(coalesce(status_as_at, issued_on), as_at_date)
    union all
    select rec_id, 'Updates dated after closure' from updated_after_closure
    union all
    select rec_id, 'Due date revised after closure' from revised_after_closure
    union all
    select rec_id, 'Closed without recorded approval' from closed_without_approval
    union all
    select recommendations.rec_id, 'No report publication date'
    from recommendations
    inner join inspections using (inspection_id)
    where inspections.published_on is null
),

final as (
    select
        issues.issue,
        recommendations.rec_id,
        recommendations.ref,
        finding_names.finding_name,
        inspections.title as inspection_title,
        recommendations.kind,
        recommendations.chief_officer_lead,
        recommendations.due_on,
        all_state.status,
        all_state.rag,
        all_state.status_as_at,
    from issues
    inner join recommendations using (rec_id)
    left join inspections on inspections.inspection_id = recommendations.inspection_id
    left join finding_names on finding_names.rec_id = recommendations.rec_id
    left join all_state on all_state.rec_id = recommendations.rec_id
)

select * from final;

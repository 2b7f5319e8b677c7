-- The open findings an owner's return asks about: every open finding of the force's own workload
-- as at a date, with its latest recorded position (empty when none is recorded), grouped by chief
-- officer lead ("Unallocated" where the data names none). due_on is the date in force (after any
-- revision), original_due_on the report's.
-- grain: one row per open finding
-- reads: recommendations, updates, inspections (through rec_state_force)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces), $owner VARCHAR (null = every lead)
with

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
    where is_open
),

final as (
    select
        coalesce(chief_officer_lead, 'Unallocated') as owner,
        rec_id,
        inspection_title,
        issued_on,
        ref,
        finding_name,
        finding_ref,
        report_name,
        kind,
        text,
        deadline_text,
        original_due_on,
        due_on,
        tactical_lead,
        case when not has_no_update then status end as status,
        case when not has_no_update then rag end as rag,
        case when not has_no_update then note end as note,
        status_as_at,
        is_overdue,
    from state
    where $owner::varchar is null or coalesce(chief_officer_lead, 'Unallocated') = $owner::varchar
)

select * from final
order by owner, issued_on nulls last, inspection_title, ref, rec_id;

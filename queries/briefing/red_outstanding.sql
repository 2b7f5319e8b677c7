-- Open findings graded red as at the meeting date, with what a committee member needs to ask about.
-- grain: one row per open red finding
-- reads: recommendations, updates, inspections (through rec_state_force)
-- params: $force_id VARCHAR (null = all), $as_at DATE
with

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
),

final as (
    select
        rec_id,
        inspection_title,
        ref,
        finding_name,
        finding_ref,
        report_name,
        kind,
        text,
        chief_officer_lead,
        tactical_lead,
        deadline_text,
        due_on,
        original_due_on,
        revision_count,
        days_slipped,
        is_overdue,
        status,
        note,
    from state
    where is_open and rag = 'red'
)

select * from final order by due_on nulls last, inspection_title, rec_id

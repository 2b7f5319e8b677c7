-- Open items falling due in the next $days days: due on or after the as-at date and no more than
-- $days days after it (overdue items are not "due soon"; they are listed as overdue).
-- grain: one row per open recommendation with $as_at <= due_on <= $as_at + $days
-- reads: recommendations, updates, inspections (through rec_state_force)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces), $days INTEGER
with

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
    where is_open
),

final as (
    select
        due_on,
        days_to_due,
        rec_id,
        ref,
        finding_name,
        finding_ref,
        report_name,
        kind,
        text,
        inspection_title,
        chief_officer_lead,
        tactical_lead,
        deadline_text,
        status,
        rag,
    from state
    where due_on >= $as_at::date
      and due_on <= $as_at::date + to_days($days::integer)
)

select * from final order by due_on, rec_id

-- The force's open findings falling due next, from the as-at date on, soonest first, with their
-- owners: what is due and who owns it. Overdue items are not here (see red_and_overdue).
-- Only the force's own workload (items addressed to a national body are left out).
-- grain: one row per open recommendation due on or after $as_at (at most $max_rows)
-- reads: recommendations, updates, inspections (through rec_state_force)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces), $max_rows INTEGER
with

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
    where is_open
      and due_on >= $as_at::date
),

final as (
    select
        rec_id,
        ref,
        finding_name as reference,
        finding_name,
        finding_ref,
        report_name,
        kind,
        inspection_title,
        regexp_replace(text, '\s+', ' ', 'g') as short_text,
        chief_officer_lead,
        tactical_lead,
        governance_board,
        deadline_text,
        due_on,
        days_to_due,
        status,
        rag,
    from state
)

select * from final
order by due_on, reference, rec_id
limit $max_rows::integer

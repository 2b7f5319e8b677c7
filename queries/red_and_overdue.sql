-- The force's findings that are graded red or are overdue as at a date, with owner, due date
-- and days overdue. An item overdue but not graded red is flagged: a committee member will ask
-- why. Only the force's own workload (items addressed to a national body are left out).
-- grain: one row per recommendation that is red or overdue
-- reads: recommendations, updates, inspections (through rec_state_force)
-- Paged: $limit rows (null = all) from $offset; every row carries the counts of all of them
-- (total_rows, red_total, overdue_total, overdue_not_red_total).
-- params: $as_at DATE, $force_id VARCHAR (null = all forces), $limit BIGINT, $offset BIGINT
with

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
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
        due_on,
        days_overdue,
        status,
        rag,
        coalesce(rag = 'red', false) as is_red,
        is_overdue,
        is_overdue and rag is distinct from 'red' as is_overdue_not_red,
        status_as_at,
    from state
    where rag = 'red' or is_overdue
)

select
    *,
    count(*) over () as total_rows,
    sum(is_red::integer) over () as red_total,
    sum(is_overdue::integer) over () as overdue_total,
    sum(is_overdue_not_red::integer) over () as overdue_not_red_total,
from final
order by is_red desc, days_overdue desc nulls last, due_on nulls last, rec_id
limit $limit::bigint offset $offset::bigint

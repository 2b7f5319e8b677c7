-- The force's open findings whose due date has moved later than the report's, as at a date: the
-- original and the current due date, days slipped, how many times the date moved, when it last
-- moved and why. Overdue even against the revised date first, then those past their original
-- date (slipped, not overdue), each the most slipped first. Only the force's own workload.
-- grain: one row per open finding with is_slipped
-- reads: recommendations, updates, inspections (through rec_state_force)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces), $limit BIGINT (null = every row),
--         $offset BIGINT
-- Paged: total_rows on every row is the count of all rows before the limit.
with

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
    where is_slipped
),

final as (
    select
        rec_id,
        ref,
        finding_name,
        finding_ref,
        report_name,
        kind,
        inspection_title,
        regexp_replace(text, '\s+', ' ', 'g') as short_text,
        chief_officer_lead,
        tactical_lead,
        original_due_on,
        due_on,
        days_slipped,
        revision_count,
        last_revised_on,
        last_revision_reason,
        has_missed_original_due,
        is_overdue,
        days_overdue,
        days_to_due,
        status,
        rag,
    from state
)

select *, count(*) over () as total_rows
from final
order by is_overdue desc, has_missed_original_due desc, days_slipped desc, due_on, rec_id
limit $limit::bigint offset $offset::bigint

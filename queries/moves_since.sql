-- What changed between two dates (the last meeting and the as-at date) in the force's workload,
-- split as the briefing pack splits it (queries/macros/rec_state_force_changes.sql): findings
-- that moved between two recorded positions, and findings whose first position was recorded in
-- the period (from "No position recorded"; nothing is imputed to the earlier date).
-- grain: one row per finding that moved or had its first position recorded
-- reads: recommendations, updates, inspections (through rec_state_force_changes)
-- Paged: $limit rows (null = all) from $offset; total_rows counts every row listed. The counts of
-- the whole split (with the findings that have no position recorded) are in overview_kpis.sql.
-- params: $since DATE, $as_at DATE, $force_id VARCHAR (null = all forces), $limit BIGINT,
--         $offset BIGINT
with

changes as (
    select * from rec_state_force_changes($since::date, $as_at::date, $force_id::varchar)
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
        change_kind,
        change_kind = 'first_recorded' as is_new,
        is_issued_in_period,
        status_from,
        status as status_to,
        rag_from,
        rag as rag_to,
        status_as_at as moved_on,
    from changes
    where change_kind in ('moved', 'first_recorded')
)

select *, count(*) over () as total_rows from final
order by is_new, moved_on desc nulls last, inspection_title, reference, rec_id
limit $limit::bigint offset $offset::bigint

-- Open items with a due date, as bars from issue to due date (the date in force), grouped by
-- inspection or by chief officer lead, soonest due first within each group; at most $limit rows.
-- A bar whose date moved carries its original date, days slipped and the latest reason.
-- grain: one row per open recommendation with a due_on, issued by $as_at
-- reads: recommendations, updates, inspections (through the timeline_grouped macro), deadline_due_dates
-- params: $as_at DATE, $force_id VARCHAR (null = all forces), $group_by VARCHAR ('inspection' or 'lead'), $group VARCHAR (a group_key; null = every group), $limit INTEGER
with

grouped as (
    select * from timeline_grouped($as_at::date, $force_id::varchar, $group_by::varchar)
),

-- the deadline rule's reading of each wording (oversight/deadline_rule.py, built at load)
deadline_due_dates as (select * from deadline_due_dates),

final as (
    select
        group_key,
        group_label,
        rec_id,
        inspection_id,
        ref,
        finding_name,
        finding_ref,
        report_name,
        kind,
        addressed_to,
        text,
        inspection_title,
        chief_officer_lead,
        tactical_lead,
        issued_on,
        grouped.due_on,
        grouped.original_due_on,
        grouped.revision_count,
        grouped.days_slipped,
        grouped.last_revision_reason,
        grouped.deadline_text,
        due_source,
        coalesce(deadline_due_dates.counts_from_publication, false) as is_relative_deadline,
        status,
        rag,
        is_overdue,
        days_overdue,
        days_to_due,
    from grouped
    left join deadline_due_dates
        on deadline_due_dates.deadline_text = grouped.deadline_text
        and deadline_due_dates.published_on is not distinct from grouped.issued_on
    where $group::varchar is null or group_key = $group::varchar
)

select * from final
order by min(due_on) over (partition by group_key), group_label, due_on, rec_id
limit $limit

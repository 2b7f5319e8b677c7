-- Open force workload per chief officer lead, and within it per tactical lead: open, overdue
-- (against the due date in force), slipped (due date moved later than the report's),
-- the RAG mix (not_recorded: open items with no position recorded), the next due date, and stale items (no update for more than 90 days before the
-- as-at date; an item never updated counts from its issue date). Items with no chief officer
-- lead form their own "Unallocated" lead. Recommendations addressed to national bodies are
-- not force workload and are left out.
-- grain: one row per chief officer lead (is_lead_total) and one per (chief officer lead, tactical lead)
-- reads: recommendations, updates, inspections (through rec_state_force)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces)
with

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
    where is_open
),

owned as (
    select
        chief_officer_lead,
        coalesce(chief_officer_lead, 'Unallocated') as lead_label,
        tactical_lead,
        coalesce(tactical_lead, 'No tactical lead') as tactical_label,
        due_on,
        rag,
        is_overdue,
        is_slipped,
        is_stale(coalesce(status_as_at, issued_on), $as_at::date) as is_stale,
    from state
),

rolled_up as (
    select
        lead_label,
        any_value(chief_officer_lead) as chief_officer_lead,
        tactical_label,
        any_value(tactical_lead) as tactical_lead,
        grouping(tactical_label) = 1 as is_lead_total,
        count(*) as open,
        count(*) filter (where is_overdue) as overdue,
        count(*) filter (where is_slipped) as slipped,
        count(*) filter (where rag = 'red') as red,
        count(*) filter (where rag = 'amber') as amber,
        count(*) filter (where rag = 'green') as green,
        count(*) filter (where rag = 'white') as white,
        count(*) filter (where rag = 'blue') as blue,
        count(*) filter (where rag is null) as not_recorded,
        min(due_on) filter (where not is_overdue) as next_due_on,
        count(*) filter (where is_stale) as stale,
    from owned
    group by grouping sets ((lead_label), (lead_label, tactical_label))
),

final as (
    select
        lead_label as chief_officer_lead,
        case when is_lead_total then null else tactical_label end as tactical_lead,
        is_lead_total,
        open,
        overdue,
        slipped,
        red,
        amber,
        green,
        white,
        blue,
        not_recorded,
        next_due_on,
        stale,
        case when chief_officer_lead is null then 'unallocated' else chief_officer_lead end
            as owner_filter,
        case when is_lead_total then null else tactical_lead end as tactical_filter,
        sum(open) filter (where is_lead_total) over (partition by lead_label) as lead_open,
    from rolled_up
)

select * exclude (lead_open) from final
order by
    chief_officer_lead = 'Unallocated' and owner_filter = 'unallocated',
    lead_open desc,
    chief_officer_lead,
    not is_lead_total,
    open desc,
    tactical_lead

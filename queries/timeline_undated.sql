-- Open items with no due date, listed beside the timeline so none is dropped silently, each with
-- the reason it has no date (no deadline set, or the deadline rule's reason: a relative deadline
-- whose report has no known publication date, or a wording the rule does not read).
-- grain: one row per open recommendation with no due_on, issued by $as_at
-- reads: recommendations, updates, inspections (through rec_state_force), deadline_due_dates
-- params: $as_at DATE, $force_id VARCHAR (null = all forces)
with

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
    where is_open
      and due_on is null
),

-- the deadline rule's reading of each wording (oversight/deadline_rule.py, built at load)
deadline_due_dates as (select * from deadline_due_dates),

final as (
    select
        rec_id,
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
        state.deadline_text,
        case
            when state.deadline_text is null then 'No deadline set'
            when deadline_due_dates.why_no_date is not null
                then deadline_due_dates.why_no_date
            else 'Deadline not turned into a date'
        end as why_undated,
        status,
        rag,
    from state
    left join deadline_due_dates
        on deadline_due_dates.deadline_text = state.deadline_text
        and deadline_due_dates.published_on is not distinct from state.issued_on
)

select * from final order by inspection_title, rec_id

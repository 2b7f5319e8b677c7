-- The force's open findings that cannot count as overdue because their deadline gives no date:
-- the Overview says how many beside its Overdue figure, and why (the deadline rule's reason: a
-- relative deadline, "within six months", whose report has no known publication date, or a
-- wording the rule does not read). Findings with no deadline at all are not counted here.
-- grain: one row per reason with at least one such finding
-- reads: recommendations, updates, inspections (through rec_state_force), deadline_due_dates
-- params: $as_at DATE, $force_id VARCHAR (null = all forces)
with

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
    where is_open
      and due_on is null
      and deadline_text is not null
),

-- the deadline rule's reading of each wording (oversight/deadline_rule.py, built at load)
deadline_due_dates as (select * from deadline_due_dates),

final as (
    select
        coalesce(deadline_due_dates.why_no_date, 'Deadline not turned into a date') as reason,
        count(*) as findings,
        count(distinct state.inspection_id) as inspections,
    from state
    left join deadline_due_dates
        on deadline_due_dates.deadline_text = state.deadline_text
        and deadline_due_dates.published_on is not distinct from state.issued_on
    group by all
)

select * from final order by findings desc, reason

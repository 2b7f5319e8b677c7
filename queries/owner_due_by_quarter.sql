-- Open force workload per chief officer lead by when it falls due: already overdue, each of the
-- next $quarters calendar quarters from the as-at date's quarter, later, or no due date; for the
-- workload heatmap.
-- grain: one row per (chief officer lead, due bucket) with an open item
-- reads: recommendations, updates, inspections (through rec_state_force)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces), $quarters INTEGER
with

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
    where is_open
),

horizon as (
    select
        date_trunc('quarter', $as_at::date)::date as first_quarter,
        (date_trunc('quarter', $as_at::date) + to_months(3 * $quarters::integer))::date
            as later_from,
),

bucketed as (
    select
        coalesce(state.chief_officer_lead, 'Unallocated') as chief_officer_lead,
        state.chief_officer_lead is null as is_unallocated,
        case
            when state.due_on is null then 'none'
            when state.is_overdue then 'overdue'
            when state.due_on >= horizon.later_from then 'later'
            else 'quarter'
        end as bucket,
        case
            when not state.is_overdue and state.due_on < horizon.later_from
                then date_trunc('quarter', state.due_on)::date
        end as quarter_start,
    from state
    cross join horizon
),

final as (
    select
        chief_officer_lead,
        bucket,
        quarter_start,
        case bucket
            when 'overdue' then 'Overdue'
            when 'later' then 'Later'
            when 'none' then 'No due date'
            else strftime(quarter_start, '%b') || '–'
                || strftime(quarter_start + interval 2 month, '%b %Y')
        end as bucket_label,
        count(*) as items,
        any_value(is_unallocated) as is_unallocated,
    from bucketed
    group by chief_officer_lead, bucket, quarter_start
)

select * from final
order by
    is_unallocated,
    chief_officer_lead,
    case bucket when 'overdue' then 1 when 'quarter' then 2 when 'later' then 3 else 4 end,
    quarter_start

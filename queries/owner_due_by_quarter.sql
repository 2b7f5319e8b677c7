-- Open force workload falling due per quarter per chief officer lead (quarters before the as-at
-- date hold overdue items), plus a "No due date" column; for the workload heatmap.
-- grain: one row per (chief officer lead, quarter of due_on or no due date) with an open item
-- reads: recommendations, updates, inspections (through the rec_state macro)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces)
with

state as (
    select * from rec_state($as_at::date)
    where is_open
      and is_force_workload
      and ($force_id::varchar is null or force_id = $force_id::varchar)
),

quartered as (
    select
        coalesce(chief_officer_lead, 'Unallocated') as chief_officer_lead,
        chief_officer_lead is null as is_unallocated,
        date_trunc('quarter', due_on)::date as quarter_start,
        is_overdue,
    from state
),

final as (
    select
        chief_officer_lead,
        quarter_start,
        case
            when quarter_start is null then 'No due date'
            else strftime(quarter_start, '%b') || '–'
                || strftime(quarter_start + interval 2 month, '%b %Y')
        end as quarter_label,
        count(*) as items,
        count(*) filter (where is_overdue) as overdue,
        any_value(is_unallocated) as is_unallocated,
    from quartered
    group by chief_officer_lead, quarter_start
)

select * from final
order by is_unallocated, chief_officer_lead, quarter_start nulls last

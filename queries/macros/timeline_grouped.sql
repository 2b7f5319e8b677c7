-- Table macro timeline_grouped(as_at_date, force, group_by): the open items with a due date as
-- at a date, each with the group the timeline draws it in (group_by 'lead': its chief officer
-- lead, "Unallocated" when none; otherwise its inspection). Shared by timeline_items.sql and
-- timeline_groups.sql, so the two always group alike. (Sorts after rec_state_force.sql, which it uses.)
-- grain: one row per open recommendation with a due_on, issued by as_at_date
-- reads: recommendations, updates, inspections (through the rec_state_force macro: the force's own workload)
-- params: as_at_date DATE, force VARCHAR (null = all forces), group_by VARCHAR (macro arguments)
create or replace macro timeline_grouped(as_at_date, force, group_by) as table
with

state as (
    select * from rec_state_force(as_at_date, force)
    where is_open
      and due_on is not null
),

final as (
    select
        case when group_by = 'lead'
            then coalesce(chief_officer_lead, 'unallocated')
            else inspection_id
        end as group_key,
        case when group_by = 'lead'
            then coalesce(chief_officer_lead, 'Unallocated')
            else coalesce(inspection_title, inspection_id)
        end as group_label,
        *,
    from state
)

select * from final;

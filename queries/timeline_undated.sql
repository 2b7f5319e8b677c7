-- Open items with no due date, listed beside the timeline so none is dropped silently, each with
-- the reason it has no date (no deadline set, "immediately", or a relative deadline whose report
-- has no known publication date).
-- grain: one row per open recommendation with no due_on, issued by $as_at
-- reads: recommendations, updates, inspections (through the rec_state macro)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces)
with

state as (
    select * from rec_state($as_at::date)
    where is_open
      and due_on is null
      and ($force_id::varchar is null or force_id = $force_id::varchar)
),

final as (
    select
        rec_id,
        ref,
        kind,
        addressed_to,
        text,
        inspection_title,
        chief_officer_lead,
        tactical_lead,
        deadline_text,
        case
            when deadline_text is null then 'No deadline set'
            when deadline_text ilike 'immediately%' then 'Immediate: no date to count to'
            when deadline_text ilike 'within%' and issued_on is null
                then 'Counts from publication, whose date is unknown'
            else 'Deadline not turned into a date'
        end as why_undated,
        status,
        rag,
    from state
)

select * from final order by inspection_title, rec_id

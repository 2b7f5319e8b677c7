-- A finding's update history up to a date, newest first: each recorded position with its status,
-- RAG, note (and the note about its source), any revised due date with its reason, and who
-- recorded it. Positions after the as-at date are counted, not listed.
-- grain: one row per update of the recommendation with as_at <= $as_at
-- reads: updates, rag
-- params: $as_at DATE, $rec_id VARCHAR
with

updates as (select * from updates where rec_id = $rec_id::varchar),
rag as (select * from rag),

final as (
    select
        updates.update_id,
        updates.as_at,
        updates.status,
        updates.rag,
        rag.label as rag_label,
        updates.note,
        updates.source_note,
        updates.revised_due_on,
        updates.revision_reason,
        updates.recorded_by,
        updates.recorded_at,
        (select count(*) from updates as later where later.as_at > $as_at::date) as later_updates,
    from updates
    left join rag using (rag)
    where updates.as_at <= $as_at::date
)

select * from final
order by as_at desc, recorded_at desc nulls last, update_id desc

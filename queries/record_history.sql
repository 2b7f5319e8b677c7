-- Every recorded position of one finding, newest first, with who recorded it and when (the whole
-- history, whatever the as-at date: the Record progress page shows what is already recorded),
-- and whether each one's seal still holds (see audit_trail.sql).
-- grain: one row per update of $rec_id
-- reads: updates, rag, update_seals
-- params: $rec_id VARCHAR
with

updates as (select *, rowid as file_order from updates where rec_id = $rec_id::varchar),
rag as (select * from rag),
update_seals as (select * from update_seals),

final as (
    select
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
        updates.update_id,
        coalesce(update_seals.seal_state, 'unsealed') as seal_state,
        update_seals.seal_note,
        updates.file_order,
    from updates
    left join rag using (rag)
    left join update_seals on update_seals.ordinal = updates.file_order + 1
)

select * exclude (file_order) from final
order by as_at desc, recorded_at desc nulls last, file_order desc

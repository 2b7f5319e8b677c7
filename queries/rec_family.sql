-- A finding's family as at a date: the cause of concern it was made under and that cause's other
-- recommendations; or, for a cause of concern, the recommendations made under it.
-- grain: one row per related finding (the record itself is not listed)
-- reads: finding_names, recommendations, updates, inspections (through the rec_state macro)
-- params: $as_at DATE, $rec_id VARCHAR, $force_id VARCHAR (the view's force; null = all forces)
with

recommendations as (select * from recommendations),
this_rec as (
    select rec_id, parent_rec_id from recommendations where rec_id = $rec_id::varchar
),

related as (
    -- the parent cause of concern
    select recommendations.rec_id, 'parent' as relation, 1 as relation_order
    from recommendations
    inner join this_rec on recommendations.rec_id = this_rec.parent_rec_id
    union all
    -- the other recommendations under the same parent
    select recommendations.rec_id, 'sibling', 2
    from recommendations
    inner join this_rec on recommendations.parent_rec_id = this_rec.parent_rec_id
    where recommendations.rec_id <> this_rec.rec_id
    union all
    -- the recommendations made under this one
    select recommendations.rec_id, 'child', 3
    from recommendations
    inner join this_rec on recommendations.parent_rec_id = this_rec.rec_id
),

-- the state of the force's findings only (not of every force's), when the view names a force
state as (
    select * from rec_state($as_at::date, $force_id::varchar)
    where $force_id::varchar is null or force_id = $force_id::varchar
),

final as (
    select
        related.relation,
        related.relation_order,
        recommendations.rec_id,
        finding_names.finding_name as reference,
        recommendations.kind,
        regexp_replace(recommendations.text, '\s+', ' ', 'g') as short_text,
        state.status,
        state.rag,
        state.rec_id is not null as is_issued,
    from related
    inner join recommendations using (rec_id)
    left join finding_names using (rec_id)
    left join state using (rec_id)
)

select * from final
order by relation_order, reference, rec_id

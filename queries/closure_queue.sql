-- Proposals to close awaiting an approver's decision: findings whose latest recorded position is
-- pending_closure, oldest first, with who proposed, when, on what evidence.
-- grain: one row per finding awaiting sign-off
-- reads: updates (as update_spans), recommendations, inspections, finding_names
-- params: $force_id VARCHAR (null = all forces)
with

spans as (select * from update_spans),
recommendations as (select * from recommendations),
inspections as (select * from inspections),

latest as (
    select * from spans where next_as_at is null
),

final as (
    select
        latest.update_id,
        latest.rec_id,
        inspections.title as inspection_title,
        recommendations.ref,
        finding_names.finding_name,
        recommendations.kind,
        recommendations.text,
        recommendations.chief_officer_lead,
        latest.as_at as proposed_as_at,
        latest.recorded_by as proposed_by,
        latest.recorded_at as proposed_at,
        latest.note,
        latest.evidence,
        latest.rag,
    from latest
    join recommendations using (rec_id)
    left join finding_names using (rec_id)
    left join inspections using (inspection_id)
    where latest.status = 'pending_closure'
      and ($force_id::varchar is null or recommendations.force_id = $force_id::varchar)
)

select * from final
order by proposed_as_at, proposed_at nulls first, rec_id;

-- Closures approved in a period, for the committee paper: each finding closed by an approver's
-- sign-off dated after $since and on or before $as_at, with who proposed and who approved it and
-- the evidence it rests on.
-- grain: one row per approval
-- reads: updates, recommendations, inspections
-- params: $since DATE, $as_at DATE, $force_id VARCHAR (null = all forces)
with

-- read twice below (approvals, proposals): not materialized, or DuckDB copies every update first
updates as not materialized (select * from updates),
recommendations as (select * from recommendations),
inspections as (select * from inspections),

final as (
    select
        approvals.rec_id,
        inspections.title as inspection_title,
        recommendations.ref,
        recommendations.kind,
        recommendations.text,
        approvals.as_at as approved_as_at,
        approvals.recorded_by as approved_by,
        proposals.recorded_by as proposed_by,
        proposals.as_at as proposed_as_at,
        coalesce(approvals.evidence, proposals.evidence) as evidence,
    from updates as approvals
    inner join updates as proposals on proposals.update_id = approvals.approves_update_id
    inner join recommendations on recommendations.rec_id = approvals.rec_id
    left join inspections using (inspection_id)
    where approvals.status = 'closed'
      and approvals.as_at > $since::date
      and approvals.as_at <= $as_at::date
      and ($force_id::varchar is null or recommendations.force_id = $force_id::varchar)
)

select * from final
order by approved_as_at, inspection_title, ref, rec_id;

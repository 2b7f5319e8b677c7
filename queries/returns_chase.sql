-- The chase list for the returns last requested: for each owner asked, every finding in the
-- request and whether a position has been recorded for it since the request (recorded on or after
-- the request date).
-- grain: one row per (owner, finding) of the latest request
-- reads: return_requests, updates, recommendations, inspections, finding_names
-- params: $force_id VARCHAR (null = all forces)
with

-- requests and recommendations are each read twice below: not materialized, or DuckDB copies
-- every finding (with its text) before the latest request is known
requests as not materialized (select * from return_requests),
updates as (select * from updates),
recommendations as not materialized (select * from recommendations),
inspections as (select * from inspections),

latest_request as (
    select request_id
    from requests
    join recommendations using (rec_id)
    where $force_id::varchar is null or recommendations.force_id = $force_id::varchar
    order by requested_on desc, request_id desc
    limit 1
),

asked as (
    select requests.*
    from requests
    join latest_request using (request_id)
),

answered as (
    select
        asked.request_id,
        asked.rec_id,
        max(coalesce(updates.recorded_at::date, updates.as_at)) as answered_on,
    from asked
    join updates
      on updates.rec_id = asked.rec_id
     and coalesce(updates.recorded_at::date, updates.as_at) >= asked.requested_on
    group by all
),

final as (
    select
        asked.request_id,
        asked.requested_on,
        asked.as_at,
        asked.meeting_on,
        asked.owner,
        asked.rec_id,
        inspections.title as inspection_title,
        recommendations.ref,
        finding_names.finding_name,
        recommendations.kind,
        recommendations.text,
        answered.answered_on,
        answered.answered_on is not null as is_answered,
        count(*) filter (where answered.answered_on is null) over (partition by asked.owner)
            as owner_waiting,
        count(*) over (partition by asked.owner) as owner_items,
    from asked
    join recommendations using (rec_id)
    left join finding_names using (rec_id)
    left join inspections using (inspection_id)
    left join answered using (request_id, rec_id)
)

select * from final
order by owner_waiting = 0, owner, is_answered, inspection_title, ref, rec_id;

-- Reports published in a period (on or after $since, up to $as_at), with the findings each brings
-- for the force and who owns them.
-- grain: one row per inspection published in the period
-- reads: inspections, recommendations, updates (through rec_state)
-- params: $force_id VARCHAR (null = all), $since DATE, $as_at DATE, $limit BIGINT (null = every row),
--         $offset BIGINT
-- Paged: total_rows on every row is the count of all rows before the limit.
with

inspections as (
    select * from inspections
    where $force_id::varchar is null or force_id is null or force_id = $force_id::varchar
),

state as (
    select * from rec_state($as_at::date, $force_id::varchar)
    where $force_id::varchar is null or force_id = $force_id::varchar
),

findings as (
    select
        inspection_id,
        count(*) as findings,
        count(*) filter (where kind = 'recommendation') as recommendations,
        count(*) filter (where kind = 'area_for_improvement') as areas_for_improvement,
        count(*) filter (where kind = 'cause_of_concern') as causes_of_concern,
        count(*) filter (where not is_force_workload) as for_national_bodies,
        count(*) filter (where is_force_workload and chief_officer_lead is null)
            as without_owner,
        string_agg(distinct chief_officer_lead, '; ' order by chief_officer_lead) as owners,
    from state
    group by inspection_id
),

final as (
    select
        inspections.inspection_id,
        inspections.title,
        inspections.kind,
        inspections.inspectorate,
        inspections.published_on,
        inspections.published_text,
        coalesce(findings.findings, 0) as findings,
        coalesce(findings.recommendations, 0) as recommendations,
        coalesce(findings.areas_for_improvement, 0) as areas_for_improvement,
        coalesce(findings.causes_of_concern, 0) as causes_of_concern,
        coalesce(findings.for_national_bodies, 0) as for_national_bodies,
        coalesce(findings.without_owner, 0) as without_owner,
        findings.owners,
        inspections.summary,
        inspections.url,
    from inspections
    left join findings using (inspection_id)
    where inspections.published_on between $since::date and $as_at::date
)

select *, count(*) over () as total_rows from final order by published_on, recommendations desc, findings desc, inspection_id
limit $limit::bigint offset $offset::bigint

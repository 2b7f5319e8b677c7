-- The findings an editor can record a position for: every recommendation the force tracks (also
-- those whose report has no publication date yet), with its inspection and latest position.
-- $q (null = every finding) narrows them, case-insensitively, to a reference, record id, report
-- title or words of the text; $limit (null = all) caps the list, and total_rows counts every match.
-- grain: one row per recommendation
-- reads: finding_names, recommendations, inspections, updates (through the rec_state macro)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces), $q VARCHAR, $limit BIGINT
with

recommendations as (
    select * from recommendations
    where $force_id::varchar is null or force_id = $force_id::varchar
),
inspections as (select * from inspections),
state as (
    select * from rec_state($as_at::date, $force_id::varchar)
    where $force_id::varchar is null or force_id = $force_id::varchar
),

final as (
    select
        recommendations.rec_id,
        finding_names.finding_name as reference,
        recommendations.kind,
        inspections.title as inspection_title,
        inspections.published_on as issued_on,
        case
            when length(recommendations.text) > 90
                then rtrim(left(replace(recommendations.text, chr(10), ' '), 88)) || '…'
            else replace(recommendations.text, chr(10), ' ')
        end as short_text,
        state.status,
        state.rag,
        state.status_as_at,
    from recommendations
    left join inspections using (inspection_id)
    left join finding_names using (rec_id)
    left join state using (rec_id)
    where $q::varchar is null
       or contains(
           lower(concat_ws(' ', finding_names.finding_name, recommendations.ref,
                           recommendations.rec_id, inspections.title, recommendations.text)),
           lower($q::varchar)
       )
)

select *, count(*) over () as total_rows from final
order by issued_on desc nulls first, inspection_title, reference, rec_id
limit $limit::bigint

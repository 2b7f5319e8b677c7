-- Inspections whose fieldwork starts after the as-at date, with the planned window as worded.
-- grain: one row per inspection
-- reads: inspections
-- params: $force_id VARCHAR (null = all), $as_at DATE
with

inspections as (
    select * from inspections
    where $force_id::varchar is null or force_id is null or force_id = $force_id::varchar
),

final as (
    select
        inspection_id,
        title,
        kind,
        inspectorate,
        fieldwork_start,
        fieldwork_end,
        fieldwork_text,
        expected_publication,
        summary,
        url,
    from inspections
    where fieldwork_start > $as_at::date
)

select * from final order by fieldwork_start, inspection_id

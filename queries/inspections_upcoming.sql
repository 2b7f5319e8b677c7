-- Inspections whose fieldwork starts after the as-at date and within $horizon_days of it, with
-- the planned window as worded. Paged: $limit rows (null = all) from $offset, and total_rows
-- counts them all.
-- grain: one row per inspection
-- reads: inspections
-- params: $force_id VARCHAR (null = all), $as_at DATE, $horizon_days INTEGER, $limit BIGINT,
--         $offset BIGINT
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
        count(*) over () as total_rows,
    from inspections
    where fieldwork_start > $as_at::date
      and fieldwork_start <= $as_at::date + to_days($horizon_days::integer)
)

select * from final
order by fieldwork_start, inspection_id
limit $limit::bigint offset $offset::bigint

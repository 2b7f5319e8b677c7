-- Inspections whose fieldwork ended in a period and whose report was not yet published at its end.
-- grain: one row per inspection
-- reads: inspections
-- params: $force_id VARCHAR (null = all), $since DATE, $as_at DATE, $limit BIGINT (null = every row),
--         $offset BIGINT
-- Paged: total_rows on every row is the count of all rows before the limit.
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
    where
        fieldwork_end between $since::date and $as_at::date
        and (published_on is null or published_on > $as_at::date)
)

select *, count(*) over () as total_rows from final order by fieldwork_end, inspection_id
limit $limit::bigint offset $offset::bigint

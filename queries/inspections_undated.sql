-- Inspection work recorded with no dates (no fieldwork start or end, not published): file reviews,
-- insight visits, submissions, with their timing as worded.
-- grain: one row per inspection
-- reads: inspections
-- params: $force_id VARCHAR (null = all), $limit BIGINT (null = every row),
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
        fieldwork_text,
        published_text,
        expected_publication,
        summary,
    from inspections
    where
        fieldwork_start is null
        and fieldwork_end is null
        and published_on is null
        and published_text is null
)

select *, count(*) over () as total_rows from final order by kind, inspection_id
limit $limit::bigint offset $offset::bigint

-- Where each inspection's facts come from, for the Data page's sources list.
-- grain: one row per inspection
-- reads: inspections
-- params: $limit BIGINT (null = every row), $offset BIGINT
-- Paged: total_rows on every row is the count of all inspections.
select
    inspection_id,
    title,
    inspectorate,
    kind,
    published_on,
    published_text,
    url,
    source,
    source_note,
    count(*) over () as total_rows,
from inspections
order by published_on nulls last, inspection_id
limit $limit::bigint offset $offset::bigint

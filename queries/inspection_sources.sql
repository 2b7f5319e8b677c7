-- Where each inspection's facts come from, for the Data page's sources list.
-- grain: one row per inspection
-- reads: inspections
-- params: none
select
    inspection_id,
    title,
    inspectorate,
    kind,
    published_on,
    published_text,
    url,
    source,
from inspections
order by published_on nulls last, inspection_id

-- The reports the briefing refers to, for its "Background documents": those received in the period
-- and those under review (received before it, with a finding still open as at $as_at), each with
-- the address it can be read at.
-- grain: one row per inspection
-- reads: inspections, recommendations, updates (through rec_state)
-- params: $force_id VARCHAR (null = all), $since DATE, $as_at DATE
with

inspections as (
    select * from inspections
    where $force_id::varchar is null or force_id is null or force_id = $force_id::varchar
),

state as (
    select * from rec_state($as_at::date, $force_id::varchar)
    where ($force_id::varchar is null or force_id = $force_id::varchar) and is_force_workload
),

under_review as (
    select distinct inspection_id from state
    where is_open and (issued_on is null or issued_on < $since::date)
),

final as (
    select
        inspection_id,
        title,
        inspectorate,
        published_on,
        published_text,
        url,
    from inspections
    where published_on between $since::date and $as_at::date
       or inspection_id in (select inspection_id from under_review)
)

select * from final
order by published_on nulls first, title

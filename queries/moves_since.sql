-- What moved between two dates (the last meeting and the as-at date): the force's findings whose
-- RAG or status differs, from and to. A finding with no position recorded at the earlier date
-- is included with an empty "from" (is_new).
-- grain: one row per recommendation whose status or RAG changed
-- reads: recommendations, updates, inspections (through the rec_state macro)
-- Paged: $limit rows (null = all) from $offset; every row carries the counts of all of them
-- (total_rows, new_total).
-- params: $since DATE, $as_at DATE, $force_id VARCHAR (null = all forces), $limit BIGINT,
--         $offset BIGINT
with

now_state as (
    select * from rec_state($as_at::date)
    where is_force_workload
      and ($force_id::varchar is null or force_id = $force_id::varchar)
),
since_state as (
    select * from rec_state($since::date)
    where $force_id::varchar is null or force_id = $force_id::varchar
),

final as (
    select
        now_state.rec_id,
        now_state.ref,
        coalesce(now_state.ref, now_state.rec_id) as reference,
        now_state.kind,
        now_state.inspection_title,
        regexp_replace(now_state.text, '\s+', ' ', 'g') as short_text,
        now_state.chief_officer_lead,
        since_state.status as status_from,
        now_state.status as status_to,
        since_state.rag as rag_from,
        now_state.rag as rag_to,
        since_state.rec_id is null as is_new,
        now_state.status_as_at as moved_on,
    from now_state
    left join since_state using (rec_id)
    where since_state.rec_id is null
       or since_state.status <> now_state.status
       or since_state.rag <> now_state.rag
)

select *, count(*) over () as total_rows, sum(is_new::integer) over () as new_total,
from final
order by is_new, moved_on desc nulls last, inspection_title, reference, rec_id
limit $limit::bigint offset $offset::bigint

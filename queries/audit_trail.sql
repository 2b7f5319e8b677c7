-- The audit trail: every recorded position, the latest recording first, with who recorded it,
-- when, for which finding and what it said; for a closure's approval, who proposed the closure
-- it approves; the evidence a position rests on; and whether its seal still holds (seal_state:
-- sealed; unsealed, curated before the app recorded anything; changed, gap or outside: not to be
-- relied on, see oversight/seal.py). History is never edited: a correction is a new row.
-- grain: one row per update
-- reads: updates, recommendations, inspections, update_seals, finding_names
-- params: $force_id VARCHAR (null = all forces), $recorded_by VARCHAR (null = anyone),
--         $rec_id VARCHAR (null = every finding), $recorded_from DATE (null = no limit),
--         $recorded_to DATE (null = no limit), $limit BIGINT (null = every row), $offset BIGINT
-- Paged: total_rows on every row is the count of all rows before the limit.
with

-- not materialised: read twice (the positions, and the proposals they approve), DuckDB would
-- otherwise copy every update, with its note, before the force's filter is applied
updates as not materialized (select *, rowid as file_order from updates),
recommendations as (select * from recommendations),
inspections as (select * from inspections),
update_seals as (select * from update_seals),

-- the positions some approval names: who proposed each closure. Hashing every update's id to
-- find the few that are proposals took a third of the query's time at national.
proposals as (
    select update_id, recorded_by from updates
    where update_id in (select approves_update_id from updates)
),

final as (
    select
        updates.recorded_at,
        updates.recorded_by,
        updates.rec_id,
        coalesce(finding_names.finding_name, updates.rec_id) as reference,
        inspections.title as inspection_title,
        updates.as_at,
        updates.status,
        updates.rag,
        updates.note,
        updates.evidence,
        proposals.recorded_by as approves_proposal_by,
        updates.update_id,
        coalesce(update_seals.seal_state, 'unsealed') as seal_state,
        update_seals.seal_note,
        updates.file_order,
    from updates
    inner join recommendations using (rec_id)
    left join finding_names on finding_names.rec_id = updates.rec_id
    left join proposals on proposals.update_id = updates.approves_update_id
    left join inspections using (inspection_id)
    left join update_seals on update_seals.ordinal = updates.file_order + 1
    where ($force_id::varchar is null or recommendations.force_id = $force_id::varchar)
      and ($recorded_by::varchar is null or updates.recorded_by = $recorded_by::varchar)
      and ($rec_id::varchar is null or updates.rec_id = $rec_id::varchar)
      and ($recorded_from::date is null or updates.recorded_at >= $recorded_from::date)
      and ($recorded_to::date is null or updates.recorded_at < $recorded_to::date + interval 1 day)
)

select * exclude (file_order), count(*) over () as total_rows
from final
order by recorded_at desc nulls last, file_order desc
limit $limit::bigint offset $offset::bigint

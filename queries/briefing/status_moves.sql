-- How the force's findings changed between the start of the period and the meeting date, split
-- as the Overview splits them (queries/macros/rec_state_force_changes.sql): each pair of
-- (status, RAG) then and now, with how many findings made that change. change_kind is 'moved' (a
-- change between two recorded positions) or 'first_recorded' (no position recorded at the start,
-- so from_status and from_rag are null; is_issued_in_period says whether the finding's report was
-- published in the period). Findings with no position recorded by the meeting are counted in
-- tracking_summary.sql.
-- grain: one row per (change_kind, is_issued_in_period, from_status, from_rag, to_status, to_rag)
-- reads: recommendations, updates, inspections (through rec_state_force_changes)
-- params: $force_id VARCHAR (null = all), $since DATE, $as_at DATE
with

changes as (
    select * from rec_state_force_changes($since::date, $as_at::date, $force_id::varchar)
    where change_kind in ('moved', 'first_recorded')
),

final as (
    select
        change_kind,
        change_kind = 'first_recorded' and is_issued_in_period as is_issued_in_period,
        status_from as from_status,
        rag_from as from_rag,
        status as to_status,
        rag as to_rag,
        count(*) as findings,
    from changes
    group by all
)

select * from final
order by
    list_position(['moved', 'first_recorded'], change_kind),
    is_issued_in_period desc,
    findings desc,
    from_status,
    from_rag,
    to_status,
    to_rag

-- How findings moved between the start of the period and the meeting date: each pair of
-- (status, RAG) then and now, with how many findings made that move. move_kind says what the move
-- is: 'new_report' (issued in the period), 'first_recorded' (an earlier or undated report's finding
-- whose first position falls in the period), 'first_position' (issued before the period with no
-- position recorded then), or 'moved' (a recorded position changed).
-- grain: one row per (move_kind, from_status, from_rag, to_status, to_rag) that changed
-- reads: recommendations, updates, inspections (through rec_state)
-- params: $force_id VARCHAR (null = all), $since DATE, $as_at DATE
with

now_state as (
    select * from rec_state($as_at::date)
    where is_force_workload and ($force_id::varchar is null or force_id = $force_id::varchar)
),

then_state as (
    select * from rec_state($since::date)
    where is_force_workload and ($force_id::varchar is null or force_id = $force_id::varchar)
),

paired as (
    select
        case
            when now_state.issued_on between $since::date and $as_at::date then 'new_report'
            when then_state.rec_id is null then 'first_recorded'
            when then_state.has_no_update then 'first_position'
            else 'moved'
        end as move_kind,
        then_state.status as from_status,
        then_state.rag as from_rag,
        now_state.status as to_status,
        now_state.rag as to_rag,
    from now_state
    left join then_state using (rec_id)
    where
        then_state.rec_id is null
        or then_state.status <> now_state.status
        or then_state.rag <> now_state.rag
),

final as (
    select
        move_kind,
        from_status,
        from_rag,
        to_status,
        to_rag,
        count(*) as findings,
    from paired
    group by all
)

select * from final
order by
    list_position(['moved', 'first_position', 'new_report', 'first_recorded'], move_kind),
    findings desc,
    from_status,
    from_rag,
    to_status,
    to_rag

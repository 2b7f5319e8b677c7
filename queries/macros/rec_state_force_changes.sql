-- Table macro rec_state_force_changes(since_date, as_at_date, force): how each finding of the
-- force's workload (rec_state_force) changed between two dates, split one way for the Overview
-- and the briefing pack alike. change_kind:
--   'moved'          a recorded position on since_date, and a different status or RAG recorded by
--                    as_at_date (a move is a change between two recorded positions);
--   'first_recorded' no position recorded on since_date (issued since, or issued before with no
--                    position yet), and one recorded by as_at_date: the first position, not a move;
--   'unchanged'      the same status and RAG on both dates;
--   'no_position'    no position recorded by as_at_date (nothing is imputed for it).
-- is_issued_in_period says the finding's report was published from since_date to as_at_date.
-- is_closed_in_period: not open at as_at_date, and either recorded as open on since_date or
-- issued in the period (so certainly closed within it); a finding issued before the period whose
-- first position is a closure is not counted, since nobody recorded when it closed.
-- grain: one row per finding of the force's workload issued by as_at_date
-- reads: recommendations, updates, inspections (through rec_state_force)
-- params: since_date DATE, as_at_date DATE, force VARCHAR (null = all forces) (macro arguments)
create or replace macro rec_state_force_changes(since_date, as_at_date, force) as table
with

now_state as (select * from rec_state_force(as_at_date, force)),
since_state as (select * from rec_state_force(since_date, force)),

final as (
    select
        now_state.*,
        case
            when now_state.has_no_update then 'no_position'
            when since_state.rec_id is null or since_state.has_no_update then 'first_recorded'
            when since_state.status <> now_state.status or since_state.rag <> now_state.rag
                then 'moved'
            else 'unchanged'
        end as change_kind,
        coalesce(now_state.issued_on between since_date and as_at_date, false)
            as is_issued_in_period,
        since_state.status as status_from,
        since_state.rag as rag_from,
        since_state.status_as_at as status_as_at_from,
        not now_state.is_open and (
            coalesce(since_state.is_open and not since_state.has_no_update, false)
            or coalesce(now_state.issued_on between since_date and as_at_date, false)
        ) as is_closed_in_period,
    from now_state
    left join since_state using (rec_id)
)

select * from final;

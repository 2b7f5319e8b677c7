-- Every update with the as_at of the next update of the same finding, built once when the data
-- loads, so that the state as at any date is a filter (as_at <= date < next_as_at) rather than a
-- window over all updates in every query (see queries/macros/rec_state.sql).
-- The order is rec_state's, reversed: as_at, then recorded_at (nulls first), then update_id.
-- Rows are stored by rec_id: a rec_id starts with its force's slug, so one force's updates sit
-- together and DuckDB skips the rest when a query asks for one force (4-7 times faster at stress).
-- grain: one row per update
-- partition: rec_id (a row depends only on the updates of its finding)
-- reads: updates
-- params: none
create or replace table update_spans as
select
    *,
    lead(as_at) over (
        partition by rec_id
        order by as_at asc, recorded_at asc nulls first, update_id asc
    ) as next_as_at,
from updates
order by rec_id, as_at

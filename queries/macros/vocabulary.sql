-- The tracker's vocabulary, defined once for every query (created before the other macros):
-- which statuses count as open, when an open item is stale, and how a PEEL grade moved.
-- Python reads the same definitions through queries/vocabulary.sql.
-- grain: scalar macros (one value per call)
-- reads: none
-- params: none (each macro takes its arguments)
-- open_statuses(): a finding whose latest position has one of these statuses is open (one with
--   no position recorded is open too: rec_state says so where it reads is_open_status).
-- stale_days(): an open item is stale when its latest position (or, with none, its report's
--   publication) is more than this many days before the as-at date.
-- peel_move(from_rank, to_rank, from_scale_points, to_scale_points): a grade against the same
--   area's previous ranked grade; grades on different scales are not compared.
create or replace macro open_statuses() as ['awaiting_allocation', 'in_progress', 'pending_closure'];

create or replace macro is_open_status(status) as list_contains(open_statuses(), status);

create or replace macro stale_days() as 90;

create or replace macro is_stale(last_on, as_at_date) as
    last_on < as_at_date - to_days(stale_days());

create or replace macro peel_move(from_rank, to_rank, from_scale_points, to_scale_points) as
    case
        when from_scale_points <> to_scale_points then 'not_comparable'
        when to_rank > from_rank then 'improved'
        when to_rank < from_rank then 'declined'
        else 'unchanged'
    end;

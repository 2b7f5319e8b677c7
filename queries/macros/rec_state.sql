-- Table macro rec_state(as_at_date, force): every recommendation's state as at a date, for one
-- force (every force when force is null), as rec_state_computed (queries/macros/
-- rec_state_computed.sql) defines it. It is computed once per date and force into
-- scratch.rec_state_snapshots and read from there by every query that asks for it: the code that
-- runs a query prepares each (date, force) its text names before it runs (see
-- oversight/state_snapshots.py), so a call takes a $parameter or null, never an expression.
-- grain: one row per recommendation of the force issued by as_at_date
-- reads: scratch.rec_state_snapshots (rec_state_computed, prepared)
-- params: as_at_date DATE, force VARCHAR (null = all forces) (macro arguments)
create or replace macro rec_state(as_at_date, force) as table
select * exclude (snapshot_on, snapshot_force)
from scratch.rec_state_snapshots
where snapshot_on = as_at_date
  and snapshot_force is not distinct from force;

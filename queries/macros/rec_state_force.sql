-- Table macro rec_state_force(as_at_date, force): the force's own workload as at a date, the one
-- definition every page, the briefing pack and the exports count from. It is rec_state for the
-- force's findings (every force when force is null), less the recommendations addressed to a
-- national body (the College of Policing, the Home Office, ...): the force tracks them but does
-- not deliver them, so no page counts them as its work or lists them under a chief officer.
-- The force's open workload is `rec_state_force(...) where is_open`.
-- grain: one row per recommendation of the force, not addressed to a national body, issued by
--        as_at_date
-- reads: recommendations, updates, inspections (through the rec_state macro)
-- params: as_at_date DATE, force VARCHAR (null = all forces) (macro arguments)
create or replace macro rec_state_force(as_at_date, force) as table
select *
from rec_state(as_at_date, force)
where is_force_workload;

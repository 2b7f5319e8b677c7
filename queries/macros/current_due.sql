-- Table macro current_due(as_at_date): the due date in force as at a date for every finding whose
-- due date has moved by then: the latest revision recorded on or before the date (from
-- queries/derived/due_revisions.sql), how many times the date has moved, and the latest reason.
-- A finding with no revision by the date has no row: its due date is still the report's
-- (recommendations.due_on). rec_state joins this, so every figure judges "overdue", "due soon"
-- and the timeline against the current due date.
-- grain: one row per finding with at least one due-date revision on or before as_at_date
-- reads: updates, recommendations (as due_revisions)
-- params: as_at_date DATE (macro argument)
create or replace macro current_due(as_at_date) as table
select
    rec_id,
    revised_due_on as current_due_on,
    revision_number as revision_count,
    revised_on as last_revised_on,
    revision_reason as last_revision_reason,
from due_revisions
where revised_on <= as_at_date
  and (next_revised_on is null or next_revised_on > as_at_date)

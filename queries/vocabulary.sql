-- The vocabulary the SQL defines (queries/macros/vocabulary.sql), for the words around figures.
-- grain: one row
-- reads: none
-- params: none
select open_statuses() as open_statuses, stale_days() as stale_days

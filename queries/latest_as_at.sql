-- The latest as_at date in the updates: the dashboard's default as-at date.
-- grain: one row
-- reads: updates
-- params: none
select max(as_at) as latest_as_at from updates

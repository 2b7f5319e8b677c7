-- How many rows each curated table holds, for the Data page.
-- grain: one row per table
-- reads: forces, inspections, recommendations, updates, peel_grades, peel_areas, grade_scales, rag, meetings, owners, narrative, return_requests, inspectorate_status
-- params: none
select 'forces' as table_name, count(*) as row_count from forces
union all select 'inspections', count(*) from inspections
union all select 'recommendations', count(*) from recommendations
union all select 'updates', count(*) from updates
union all select 'peel_grades', count(*) from peel_grades
union all select 'peel_areas', count(*) from peel_areas
union all select 'grade_scales', count(*) from grade_scales
union all select 'rag', count(*) from rag
union all select 'meetings', count(*) from meetings
union all select 'owners', count(*) from owners
union all select 'narrative', count(*) from narrative
union all select 'return_requests', count(*) from return_requests
union all select 'inspectorate_status', count(*) from inspectorate_status

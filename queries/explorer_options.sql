-- The values each Recommendations explorer filter can take for a force: chief officer leads,
-- tactical leads, governance boards, inspections, PEEL areas and record ids, with how many findings
-- carry each, and the RAG grades with the data's own words (rag.csv, in its display order). Taken from every finding the force tracks, whatever the as-at date, so a shared link
-- keeps its meaning when the date moves.
-- grain: one row per (param, value)
-- reads: recommendations, inspections, rag, finding_names
-- params: $force_id VARCHAR (null = all forces)
with

recommendations as (
    select * from recommendations
    where $force_id::varchar is null or force_id = $force_id::varchar
),
inspections as (select * from inspections),

owners as (
    select
        'owner' as param,
        coalesce(chief_officer_lead, 'unallocated') as value,
        coalesce(chief_officer_lead, 'No chief officer lead') as label,
        count(*) as items,
    from recommendations
    group by all
),

tacticals as (
    select 'tactical', tactical_lead, tactical_lead, count(*)
    from recommendations
    where tactical_lead is not null
    group by all
),

boards as (
    select 'board', governance_board, governance_board, count(*)
    from recommendations
    where governance_board is not null
    group by all
),

inspection_options as (
    select 'inspection', inspection_id, inspections.title, count(*)
    from recommendations
    inner join inspections using (inspection_id)
    group by all
),

areas as (
    select 'area', peel_area, peel_area, count(*)
    from recommendations
    where peel_area is not null
    group by all
),

records as (
    select 'rec', rec_id, finding_names.finding_name, 1
    from recommendations
    left join finding_names using (rec_id)
),

grades as (
    select 'rag' as param, rag as value, label, null::bigint as items, display_order from rag
),

final as (
    select *, null::integer as display_order from owners
    union all select *, null from tacticals
    union all select *, null from boards
    union all select *, null from inspection_options
    union all select *, null from areas
    union all select *, null from records
    union all select * from grades
)

select * exclude (display_order) from final
order by param, value = 'unallocated', display_order, lower(label), value

-- Problems: a narrative paragraph that cannot be placed in its meeting's paper: a report's
-- paragraph (section report or response) names no report, an area's paragraph names no PEEL
-- theme or one no area uses, or its source is neither a web address nor a meeting's paper.
-- grain: one row per problem (table_name, _row, column_name, message)
-- reads: narrative, peel_areas, meetings
-- params: none
with

narrative as (
    select * from narrative
),

themes as (
    select distinct theme from peel_areas where theme is not null
),

report_without_report as (
    select
        'narrative' as table_name,
        n._row,
        'inspection_id' as column_name,
        'a ' || n.section || ' paragraph must name the report (inspection_id) it is about' as message,
    from narrative as n
    where n.section in ('report', 'response') and n.inspection_id is null
),

area_without_theme as (
    select
        'narrative' as table_name,
        n._row,
        'theme' as column_name,
        'an area paragraph must name the PEEL theme (peel_areas.theme) it is about' as message,
    from narrative as n
    where n.section = 'area' and n.theme is null
),

unknown_theme as (
    select
        'narrative' as table_name,
        n._row,
        'theme' as column_name,
        '''' || n.theme || ''' is not a known peel_areas.theme' as message,
    from narrative as n
    where n.theme is not null and n.theme not in (select theme from themes)
),

unopenable_source as (
    select
        'narrative' as table_name,
        n._row,
        'source' as column_name,
        '''' || n.source || ''' is neither a web address nor meeting:<a meeting_id>' as message,
    from narrative as n
    where n.source is not null
      and not regexp_matches(n.source, '^https?://\S+$')
      and not (
          n.source like 'meeting:%'
          and substr(n.source, 9) in (select meeting_id from meetings where meeting_id is not null)
      )
),

final as (
    select * from report_without_report
    union all select * from area_without_theme
    union all select * from unknown_theme
    union all select * from unopenable_source
)

select * from final

-- Problems: a due_on that does not follow from deadline_text as written. The date the wording
-- means comes from the deadline rule (oversight/deadline_rule.py: "By October 2018" is the
-- month's last day, "within six months" counts from the report's published_on, "immediately" is
-- published_on), which the loader applies to every distinct (deadline_text, published_on) as
-- the table deadline_due_dates. A wording the rule does not read, or a relative one whose report
-- has no published_on, is not checked.
-- grain: one row per problem (table_name, _row, column_name, message)
-- reads: recommendations, inspections, deadline_due_dates
-- params: none
with

recommendations as (select * from recommendations),
inspections as (select * from inspections),
deadline_due_dates as (select * from deadline_due_dates),

expected as (
    select
        recommendations._row,
        recommendations.deadline_text,
        recommendations.due_on,
        inspections.published_on,
        deadline_due_dates.due_on as rule_due_on,
        deadline_due_dates.counts_from_publication,
    from recommendations
    left join inspections using (inspection_id)
    inner join deadline_due_dates
        on deadline_due_dates.deadline_text = recommendations.deadline_text
        and deadline_due_dates.published_on is not distinct from inspections.published_on
    where deadline_due_dates.due_on is not null
),

final as (
    select
        'recommendations' as table_name,
        _row,
        'due_on' as column_name,
        case when due_on is null then 'empty' else 'is ' || due_on end
            || ', but "' || deadline_text || '"'
            || case when counts_from_publication
                then ' from publication on ' || published_on
                else ''
            end
            || ' means ' || rule_due_on as message,
    from expected
    where due_on is distinct from rule_due_on
)

select * from final

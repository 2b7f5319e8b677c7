-- Problems: a due_on that does not follow from deadline_text as written.
-- "By October 2018" is due on the last day of that month; "within six months" counts from the
-- report's published_on (same day N months later).
-- grain: one row per problem (table_name, _row, column_name, message)
-- reads: recommendations, inspections
-- params: none
with

recommendations as (select * from recommendations),
inspections as (select * from inspections),

parsed as (
    select
        recommendations._row,
        recommendations.deadline_text,
        recommendations.due_on,
        inspections.published_on,
        regexp_extract(
            recommendations.deadline_text,
            '^\s*by\s+(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{4})\s*$',
            ['month_name', 'year'],
            'i'
        ) as by_month,
        regexp_extract(
            recommendations.deadline_text,
            '^\s*within\s+(\w+)\s+months?\s*$',
            1,
            'i'
        ) as within_word,
    from recommendations
    left join inspections using (inspection_id)
    where recommendations.deadline_text is not null
),

expected as (
    select
        *,
        case
            when by_month.month_name <> ''
                then last_day(strptime('1 ' || by_month.month_name || ' ' || by_month.year, '%d %B %Y'))::date
        end as by_month_due,
        case lower(within_word)
            when 'one' then 1 when 'two' then 2 when 'three' then 3 when 'four' then 4
            when 'five' then 5 when 'six' then 6 when 'seven' then 7 when 'eight' then 8
            when 'nine' then 9 when 'ten' then 10 when 'eleven' then 11 when 'twelve' then 12
            else try_cast(within_word as integer)
        end as within_months,
    from parsed
),

final as (
    select
        'recommendations' as table_name,
        _row,
        'due_on' as column_name,
        case
            when due_on is null then 'empty, but "' || deadline_text || '" means ' || by_month_due
            else 'is ' || due_on || ', but "' || deadline_text || '" means ' || by_month_due
        end as message,
    from expected
    where by_month_due is not null and due_on is distinct from by_month_due

    union all

    select
        'recommendations',
        _row,
        'due_on',
        'is ' || coalesce(due_on::varchar, 'empty') || ', but "' || deadline_text
            || '" from publication on ' || published_on || ' means '
            || (published_on + to_months(within_months))::date,
    from expected
    where within_months is not null
      and published_on is not null
      and due_on is distinct from (published_on + to_months(within_months))::date
)

select * from final

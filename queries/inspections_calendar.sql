-- The inspection calendar: fieldwork windows (held or planned) and publications that fall in a window.
-- Fieldwork with no end date, or that starts after the as-at date, is planned: its planned end is the
-- start plus the weeks or days its fieldwork_text gives ("for a maximum of two weeks"), else one day.
-- grain: one row per (inspection_id, event), event in ('fieldwork', 'publication')
-- reads: inspections
-- params: $force_id VARCHAR (null = all), $as_at DATE, $from_on DATE, $to_on DATE
with

inspections as (
    select * from inspections
    where $force_id::varchar is null or force_id is null or force_id = $force_id::varchar
),

fieldwork_length as (
    select
        inspection_id,
        regexp_extract(lower(fieldwork_text), '(\d+|one|two|three|four|five|six) (week|day)s?', 1)
            as length_word,
        regexp_extract(lower(fieldwork_text), '(\d+|one|two|three|four|five|six) (week|day)s?', 2)
            as length_unit,
    from inspections
),

fieldwork as (
    select
        inspections.inspection_id,
        'fieldwork' as event,
        inspections.fieldwork_start as starts_on,
        coalesce(
            inspections.fieldwork_end,
            inspections.fieldwork_start + cast(
                case fieldwork_length.length_unit when 'week' then 7 else 1 end
                * coalesce(
                    try_cast(fieldwork_length.length_word as integer),
                    list_position(
                        ['one', 'two', 'three', 'four', 'five', 'six'], fieldwork_length.length_word
                    )
                ) - 1 as integer
            ),
            inspections.fieldwork_start
        ) as ends_on,
        inspections.fieldwork_end is null or inspections.fieldwork_start > $as_at::date as is_planned,
        inspections.fieldwork_text as as_worded,
    from inspections
    left join fieldwork_length using (inspection_id)
    where inspections.fieldwork_start is not null
),

publication as (
    select
        inspection_id,
        'publication' as event,
        published_on as starts_on,
        published_on as ends_on,
        false as is_planned,
        published_text as as_worded,
    from inspections
    where published_on is not null
),

events as (
    select * from fieldwork
    union all
    select * from publication
),

final as (
    select
        events.inspection_id,
        inspections.title,
        inspections.kind,
        inspections.inspectorate,
        events.event,
        events.starts_on,
        events.ends_on,
        events.is_planned,
        events.as_worded,
        inspections.expected_publication,
    from events
    inner join inspections using (inspection_id)
    where events.ends_on >= $from_on::date and events.starts_on <= $to_on::date
)

select * from final order by kind, starts_on, inspection_id, event

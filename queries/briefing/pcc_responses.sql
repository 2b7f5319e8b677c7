-- The police and crime commissioner's responses for the pack (s.55 Police Act 1996; see
-- queries/macros/pcc_responses.sql): those due before the next meeting and not yet published
-- (overdue ones included, when the response is tracked), and those published in the period (on
-- or after $since, up to the meeting). pack_group says which.
-- grain: one row per report whose response is due before $next_on or was published in the period
-- reads: inspections, recommendations (through the pcc_responses macro)
-- params: $force_id VARCHAR (null = all), $since DATE, $as_at DATE, $next_on DATE
with

responses as (
    select * from pcc_responses($as_at::date, $force_id::varchar)
),

final as (
    select
        case when response_status = 'published' then 'published' else 'due' end as pack_group,
        inspection_id,
        title,
        published_on,
        response_due_on,
        is_due_computed,
        response_status,
        response_published_on,
        response_url,
        days_to_response_due,
    from responses
    where (response_status in ('due', 'overdue') and response_due_on <= $next_on::date)
       or (response_status = 'published' and response_published_on >= $since::date)
)

select * from final
order by pack_group, coalesce(response_due_on, response_published_on), inspection_id

-- Table macro pcc_responses(as_at_date, force): the police and crime commissioner's statutory
-- response to every report published by a date, for a force. Section 55 of the Police Act 1996:
-- the commissioner publishes comments on an HMICFRS report about their force within 56 days of
-- its publication. A response is required for a report the force tracks findings from, or whose
-- response due date is recorded; it is due on pcc_response_due_on, else 56 days after
-- publication. Its state as at the date:
--   published     pcc_response_published_on is on or before the date
--   due           not published, and the due date is on or after the date
--   overdue       past its due date with no publication, where the response is tracked (its due
--                 date, publication or address is recorded in inspections.csv)
--   not_recorded  past its due date, or its report's publication day unknown, with nothing recorded
--                 about the response: the data cannot say whether it was published
--   not_required  the force tracks no finding from the report and no response is recorded
-- grain: one row per report published by as_at_date that is the force's or national, and per report
-- the force tracks findings from whose publication day is not recorded
-- reads: inspections, recommendations
-- params: as_at_date DATE, force VARCHAR (null = all forces) (macro arguments)
create or replace macro pcc_responses(as_at_date, force) as table
with

inspections as (
    select * from inspections
    where force is null or force_id is null or force_id = force
),

tracked as (
    select
        inspection_id,
        count(*) as findings,
    from recommendations
    where force is null or force_id = force
    group by inspection_id
),

responses as (
    select
        inspections.inspection_id,
        inspections.title,
        inspections.kind,
        inspections.url,
        inspections.published_on,
        inspections.published_text,
        coalesce(tracked.findings, 0) as findings,
        coalesce(
            inspections.pcc_response_due_on,
            inspections.published_on + to_days(56)
        )::date as response_due_on,
        inspections.pcc_response_due_on is null as is_due_computed,
        inspections.pcc_response_due_on is not null
            or inspections.pcc_response_published_on is not null
            or inspections.pcc_response_url is not null as is_tracked,
        inspections.pcc_response_published_on <= as_at_date as is_published,
        inspections.pcc_response_published_on,
        inspections.pcc_response_url,
    from inspections
    left join tracked using (inspection_id)
    where inspections.published_on <= as_at_date
       or (inspections.published_on is null and tracked.findings > 0)
),

final as (
    select
        inspection_id,
        title,
        kind,
        url,
        published_on,
        published_text,
        findings,
        findings > 0 or is_tracked as is_required,
        case when findings > 0 or is_tracked then response_due_on end as response_due_on,
        is_due_computed,
        case
            when not (findings > 0 or is_tracked) then 'not_required'
            when coalesce(is_published, false) then 'published'
            when response_due_on >= as_at_date then 'due'
            when response_due_on < as_at_date and is_tracked then 'overdue'
            else 'not_recorded'
        end as response_status,
        case when coalesce(is_published, false) then pcc_response_published_on end
            as response_published_on,
        case when coalesce(is_published, false) then pcc_response_url end as response_url,
        case when findings > 0 or is_tracked
            then date_diff('day', as_at_date, response_due_on)
        end as days_to_response_due,
    from responses
)

select * from final

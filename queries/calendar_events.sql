-- Dated events for a calendar feed: each open finding's due date (the date in force, after any
-- revision), each inspection's fieldwork and publication, and the PCC's statutory response date
-- of each report that needs one and is not yet published, for one force and optionally one owner
-- (a chief officer lead or tactical lead as named in the leads columns; owners get due dates only).
-- grain: one row per event (uid is stable across runs, so a re-import updates an event)
-- reads: recommendations, updates, inspections (through rec_state_force)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces), $owner VARCHAR (null = everyone)
with

inspections as (select * from inspections),

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
    where is_open
      and due_on is not null
      and ($owner::varchar is null
           or chief_officer_lead = $owner::varchar
           or tactical_lead = $owner::varchar)
),

due as (
    select
        'due:' || rec_id as uid,
        'due' as event_kind,
        due_on as starts_on,
        due_on as ends_on,
        rec_id,
        inspection_id,
        inspection_title,
        ref,
        kind,
        text,
        chief_officer_lead,
        tactical_lead,
    from state
),

tracked_inspections as (
    select * from inspections
    where $owner::varchar is null
      and ($force_id::varchar is null
           or force_id = $force_id::varchar
           or inspection_id in (select inspection_id from state))
),

fieldwork as (
    select
        'fieldwork:' || inspection_id as uid,
        'fieldwork' as event_kind,
        fieldwork_start as starts_on,
        coalesce(fieldwork_end, fieldwork_start) as ends_on,
        null as rec_id,
        inspection_id,
        title as inspection_title,
        null as ref, null as kind, null as text,
        null as chief_officer_lead, null as tactical_lead,
    from tracked_inspections
    where fieldwork_start is not null
),

publication as (
    select
        'published:' || inspection_id as uid,
        'published' as event_kind,
        published_on as starts_on,
        published_on as ends_on,
        null as rec_id,
        inspection_id,
        title as inspection_title,
        null as ref, null as kind, null as text,
        null as chief_officer_lead, null as tactical_lead,
    from tracked_inspections
    where published_on is not null
),

pcc_response as (
    select
        'pcc_response:' || inspection_id as uid,
        'pcc_response' as event_kind,
        response_due_on as starts_on,
        response_due_on as ends_on,
        null as rec_id,
        inspection_id,
        title as inspection_title,
        null as ref, null as kind, null as text,
        null as chief_officer_lead, null as tactical_lead,
    from pcc_responses($as_at::date, $force_id::varchar)
    where $owner::varchar is null
      and is_required
      and response_due_on is not null
      and response_status <> 'published'
),

final as (
    select * from due
    union all select * from fieldwork
    union all select * from publication
    union all select * from pcc_response
)

select * from final
order by starts_on, uid;

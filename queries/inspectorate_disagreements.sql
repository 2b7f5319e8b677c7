-- Where the force's status and the inspectorate's own status of a finding disagree as at a date:
-- the force says it is closed (or needs no further action) and the inspectorate has not said
-- complete or no further action; or the inspectorate says complete and the force still has it
-- open. Findings the inspectorate has said nothing about are not listed.
-- grain: one row per finding in disagreement
-- reads: recommendations, updates, inspections (through the rec_state macro), inspectorate_status
-- params: $as_at DATE, $force_id VARCHAR (null = all forces)
with

inspectorate_status as (select * from inspectorate_status),

latest_inspectorate as (
    select * from inspectorate_status
    where as_at <= $as_at::date
    qualify row_number() over (partition by rec_id order by as_at desc) = 1
),

state as (
    select * from rec_state($as_at::date, $force_id::varchar)
    where $force_id::varchar is null or force_id = $force_id::varchar
),

final as (
    select
        state.rec_id,
        state.inspection_title,
        state.ref,
        state.finding_name,
        state.finding_ref,
        state.report_name,
        state.kind,
        state.text,
        state.status as force_status,
        state.status_as_at as force_as_at,
        latest_inspectorate.status as inspectorate_status,
        latest_inspectorate.as_at as inspectorate_as_at,
        latest_inspectorate.note as inspectorate_note,
        latest_inspectorate.source as inspectorate_source,
        case
            when state.status in ('closed', 'no_further_action')
                then 'The force has closed it; the inspectorate has not'
            else 'The inspectorate says complete; the force has it open'
        end as disagreement,
    from state
    inner join latest_inspectorate using (rec_id)
    where (state.status in ('closed', 'no_further_action')
           and latest_inspectorate.status not in ('complete', 'no_further_action'))
       or (state.is_open and latest_inspectorate.status = 'complete')
)

select * from final
order by disagreement, inspection_title, ref, rec_id;

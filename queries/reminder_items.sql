-- What each owner is reminded of as at a date: their open findings due within a window, overdue,
-- or stale (no update for more than stale_days() days, queries/macros/vocabulary.sql, counted
-- from the report's publication where none has ever been recorded). An owner is a chief officer lead or a tactical lead as the
-- leads columns name them; the address comes from owners.csv and is empty when none is known.
-- grain: one row per (owner, finding), with the reason it is listed
-- reads: recommendations, updates, inspections (through rec_state_force), owners
-- params: $as_at DATE, $within_days INTEGER, $force_id VARCHAR (null = all forces)
with

owners as (select * from owners),

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
    where is_open
),

by_owner as (
    select chief_officer_lead as owner, 'chief_officer_lead' as owner_role, * from state
    where chief_officer_lead is not null
    union all
    select tactical_lead as owner, 'tactical_lead' as owner_role, * from state
    where tactical_lead is not null
),

classified as (
    select
        *,
        case
            when is_overdue then 'overdue'
            when due_on between $as_at::date and $as_at::date + to_days($within_days::integer)
                then 'due_soon'
            when is_stale(coalesce(status_as_at, issued_on), $as_at::date) then 'stale'
        end as reason,
    from by_owner
),

final as (
    select
        classified.owner,
        any_value(owners.email) as email,
        any_value(owners.role) as role,
        string_agg(distinct classified.owner_role, ',' order by classified.owner_role) as owner_roles,
        classified.rec_id,
        any_value(classified.force_id) as force_id,
        any_value(classified.inspection_title) as inspection_title,
        any_value(classified.ref) as ref,
        any_value(classified.finding_name) as finding_name,
        any_value(classified.kind) as kind,
        any_value(classified.text) as text,
        any_value(classified.due_on) as due_on,
        any_value(classified.reason) as reason,
        any_value(classified.status_as_at) as status_as_at,
        any_value(case when not classified.has_no_update then classified.rag end) as rag,
    from classified
    left join owners on owners.owner = classified.owner
    where classified.reason is not null
    group by classified.owner, classified.rec_id
)

select * from final
order by owner, case reason when 'overdue' then 0 when 'due_soon' then 1 else 2 end,
    due_on nulls last, rec_id;

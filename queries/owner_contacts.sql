-- Every owner named on an open finding (as chief officer lead or tactical lead) and the address
-- reminders reach them at, from owners.csv; empty where none is known (unreachable).
-- grain: one row per owner
-- reads: recommendations, updates, inspections (through rec_state_force), owners
-- params: $as_at DATE, $force_id VARCHAR (null = all forces)
with

owners as (select * from owners),

state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
    where is_open
),

named as (
    select chief_officer_lead as owner, rec_id from state where chief_officer_lead is not null
    union
    select tactical_lead as owner, rec_id from state where tactical_lead is not null
),

final as (
    select
        named.owner,
        count(distinct named.rec_id) as open_items,
        any_value(owners.email) as email,
        any_value(owners.role) as role,
    from named
    left join owners using (owner)
    group by named.owner
)

select * from final
order by email is not null, owner;

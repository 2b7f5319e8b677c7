-- Who has recorded positions: each recorder with how many updates and the first and latest time.
-- grain: one row per recorded_by (null = not recorded)
-- reads: updates, recommendations
-- params: $force_id VARCHAR (null = all forces)
with

updates as (select * from updates),
recommendations as (select * from recommendations),

final as (
    select
        updates.recorded_by,
        count(*) as updates,
        min(updates.recorded_at) as first_recorded_at,
        max(updates.recorded_at) as last_recorded_at,
    from updates
    inner join recommendations using (rec_id)
    where $force_id::varchar is null or recommendations.force_id = $force_id::varchar
    group by updates.recorded_by
)

select * from final
order by last_recorded_at desc nulls last, recorded_by

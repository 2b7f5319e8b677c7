-- Who recorded the positions reported at the meeting: the person named most often on the updates
-- in the period, offered as the pack's contact officer.
-- grain: one row per recorder (most updates first)
-- reads: updates, recommendations
-- params: $force_id VARCHAR (null = all), $since DATE, $as_at DATE
with

updates as (
    select * from updates
    where as_at between $since::date and $as_at::date and recorded_by is not null
),

recommendations as (
    select rec_id from recommendations
    where $force_id::varchar is null or force_id = $force_id::varchar
),

final as (
    select
        updates.recorded_by,
        count(*) as updates,
        max(updates.as_at) as latest_as_at,
    from updates
    inner join recommendations using (rec_id)
    group by updates.recorded_by
)

select * from final order by updates desc, latest_as_at desc, recorded_by

-- Forces that track recommendations in the data, for the sidebar's force selector.
-- grain: one row per force with at least one recommendation
-- reads: recommendations, forces
-- params: none
with

recommendations as (select * from recommendations),
forces as (select * from forces),

final as (
    select
        forces.force_id,
        forces.name,
        count(*) as recommendations,
    from recommendations
    inner join forces using (force_id)
    group by all
)

select * from final order by name

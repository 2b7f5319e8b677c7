-- Where the PEEL grades come from: how many grades each source host (or meeting paper) gives.
-- grain: one row per source host
-- reads: peel_grades
-- params: none
with

grades as (select * from peel_grades),

hosts as (
    select
        case
            when source_url like 'meeting:%' then source_url
            else regexp_extract(source_url, '^https?://([^/?#]+)', 1)
        end as source,
        force_id,
        cycle,
    from grades
),

final as (
    select
        source,
        count(*) as grades,
        count(distinct force_id) as forces,
        string_agg(distinct cycle, ', ' order by cycle) as cycles,
    from hosts
    group by source
)

select * from final order by grades desc, source

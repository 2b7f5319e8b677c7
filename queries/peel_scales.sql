-- The grading scales in use: each scale's ranked grades, for axes that read in words.
-- grain: one row per (scale_points, grade) with a rank
-- reads: grade_scales
-- params: none
with

scales as (select * from grade_scales),

scale_of_cycle as (
    select
        cycle,
        max(rank) as scale_points,
    from scales
    group by cycle
),

final as (
    select distinct
        scale_of_cycle.scale_points,
        scales.grade,
        scales.rank as grade_rank,
    from scales
    inner join scale_of_cycle using (cycle)
    where scales.rank is not null
)

select * from final order by scale_points, grade_rank

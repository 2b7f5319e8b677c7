-- Year-on-year moves in a force's PEEL grades: each ranked grade against the same theme's
-- previous ranked grade. Only grades on the same scale are compared; the first grade on a new
-- scale is marked not_comparable. $pillar filters to one row pillar (null = all).
-- grain: one row per (row_pillar, theme, cycle) with a ranked grade and an earlier one
-- reads: peel_areas, peel_grades, grade_scales (through the peel_cells macro)
-- params: $force_id VARCHAR, $pillar VARCHAR
with

cells as (select * from peel_cells($force_id::varchar)),

ranked as (
    select *
    from cells
    where
        grade_rank is not null
        and ($pillar::varchar is null or row_pillar = $pillar::varchar)
),

paired as (
    select
        *,
        lag(cycle) over theme_cycles as from_cycle,
        lag(grade) over theme_cycles as from_grade,
        lag(grade_rank) over theme_cycles as from_rank,
        lag(scale_points) over theme_cycles as from_scale_points,
    from ranked
    window theme_cycles as (partition by row_pillar, theme order by cycle)
),

final as (
    select
        row_pillar,
        theme,
        row_order,
        from_cycle,
        from_grade,
        cycle as to_cycle,
        grade as to_grade,
        peel_move(from_rank, grade_rank, from_scale_points, scale_points) as move,
        case when from_scale_points = scale_points then grade_rank - from_rank end
            as rank_change,
        scale_points,
    from paired
    where from_cycle is not null
)

select * from final order by row_order, to_cycle

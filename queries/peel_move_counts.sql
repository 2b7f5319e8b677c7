-- How many of a force's year-on-year PEEL grade moves improved, declined, stayed the same, or
-- crossed the change of scale (not compared), for one row pillar (null = all).
-- grain: one row per move kind (all four, zero when none)
-- reads: peel_areas, peel_grades, grade_scales (through the peel_cells macro)
-- params: $force_id VARCHAR, $pillar VARCHAR
with

cells as (select * from peel_cells($force_id::varchar)),

move_kinds as (
    select * from (
        values
            (1, 'improved'),
            (2, 'declined'),
            (3, 'unchanged'),
            (4, 'not_comparable')
    ) as kinds (move_order, move)
),

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
        lag(grade_rank) over theme_cycles as from_rank,
        lag(scale_points) over theme_cycles as from_scale_points,
    from ranked
    window theme_cycles as (partition by row_pillar, theme order by cycle)
),

moves as (
    select
        peel_move(from_rank, grade_rank, from_scale_points, scale_points) as move,
    from paired
    where from_rank is not null or from_scale_points is not null
),

final as (
    select
        move_kinds.move,
        count(moves.move) as moves,
        move_kinds.move_order,
    from move_kinds
    left join moves using (move)
    group by move_kinds.move, move_kinds.move_order
)

select move, moves from final order by move_order

-- The reports received before the period (published before $since, or with no publication day
-- recorded) that still have an open finding for the force as at $as_at, with every one of their
-- findings in full and its position: the briefing's "Overview of reports for review". A force's
-- PEEL reports on the same pillar form one group, read area by area (PEEL effectiveness 2015 and
-- 2016); any other report is a group of its own. Within an area, a finding follows the one it
-- superseded, and a recommendation follows the cause of concern it answers.
-- grain: one row per finding
-- reads: recommendations, updates, inspections, peel_areas (through rec_state)
-- params: $force_id VARCHAR (null = all), $since DATE, $as_at DATE
with recursive

state as (
    select * from rec_state($as_at::date, $force_id::varchar)
    where ($force_id::varchar is null or force_id = $force_id::varchar) and is_force_workload
),

recommendations as (
    select rec_id, is_text_verbatim, parent_rec_id, supersedes_rec_id from recommendations
),

inspections as (
    select inspection_id, inspectorate, published_text, summary, peel_cycle, url from inspections
),

-- a theme's pillar and place in its cycle's framework
areas as (
    select
        cycle,
        theme,
        min(pillar) as pillar,
        min(display_order) as area_order,
    from peel_areas
    group by cycle, theme
),

-- each finding's supersedes chain: its first finding (root) and how far down the chain it is
chain as (
    select rec_id, rec_id as root_id, 0 as depth from recommendations
    where supersedes_rec_id is null
    union all
    select recommendations.rec_id, chain.root_id, chain.depth + 1
    from recommendations
    inner join chain on recommendations.supersedes_rec_id = chain.rec_id
),

before_period as (
    select * from state
    where issued_on is null or issued_on < $since::date
),

open_reports as (
    select distinct inspection_id from before_period where is_open
),

in_review as (
    select
        before_period.*,
        inspections.inspectorate,
        inspections.published_text,
        inspections.summary,
        inspections.peel_cycle,
        inspections.url,
        coalesce(recommendations.is_text_verbatim, true) as is_text_verbatim,
        areas.pillar,
        areas.area_order,
        -- a recommendation under a cause of concern sits in its parent's place in the chain
        coalesce(parent_chain.root_id, chain.root_id, before_period.rec_id) as root_id,
        coalesce(parent_chain.depth, chain.depth, 0) as depth,
        (before_period.parent_rec_id is not null)::integer as under_parent,
    from before_period
    inner join open_reports using (inspection_id)
    left join inspections using (inspection_id)
    left join recommendations using (rec_id)
    left join areas
        on areas.cycle = inspections.peel_cycle and areas.theme = before_period.peel_area
    left join chain on chain.rec_id = before_period.rec_id
    left join chain as parent_chain on parent_chain.rec_id = before_period.parent_rec_id
),

roots as (
    select rec_id as root_id, kind as root_kind from recommendations
    inner join (select rec_id, kind from state) using (rec_id)
),

final as (
    select
        case
            when in_review.inspection_kind = 'peel' and in_review.pillar is not null
                then 'peel:' || in_review.pillar
            else in_review.inspection_id
        end as group_id,
        in_review.inspection_kind = 'peel' and in_review.pillar is not null as is_peel_group,
        in_review.pillar,
        in_review.inspection_id,
        in_review.inspection_title,
        in_review.inspection_kind,
        in_review.inspectorate,
        in_review.issued_on,
        in_review.published_text,
        in_review.summary,
        in_review.peel_cycle,
        in_review.url,
        in_review.peel_area as theme,
        in_review.area_order,
        in_review.rec_id,
        in_review.ref,
        in_review.kind,
        in_review.addressed_to,
        in_review.text,
        in_review.is_text_verbatim,
        in_review.deadline_text,
        in_review.due_on,
        in_review.days_overdue,
        in_review.original_due_on,
        in_review.revision_count,
        in_review.days_slipped,
        in_review.chief_officer_lead,
        in_review.tactical_lead,
        in_review.governance_board,
        in_review.parent_rec_id,
        in_review.supersedes_rec_id,
        in_review.status,
        in_review.rag,
        in_review.status_as_at,
        in_review.note,
        in_review.is_open,
        in_review.root_id,
        in_review.depth,
        in_review.under_parent,
        roots.root_kind,
    from in_review
    left join roots using (root_id)
),

-- a group's place: PEEL groups first (by pillar), then the other reports by publication
ordered as (
    select
        *,
        min(issued_on) over (partition by group_id) as group_issued_on,
        min(inspection_title) over (partition by group_id) as group_title,
    from final
)

select * exclude (group_issued_on, group_title) from ordered
order by
    is_peel_group desc,
    list_position(['effectiveness', 'efficiency', 'legitimacy', 'leadership'], pillar),
    group_issued_on nulls last,
    group_title,
    area_order nulls last,
    list_position(['cause_of_concern', 'area_for_improvement', 'recommendation'], root_kind),
    root_id,
    depth,
    under_parent,
    rec_id

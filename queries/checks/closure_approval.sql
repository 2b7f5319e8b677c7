-- Problems: a closure's approval that does not approve a proposal. A position whose
-- approves_update_id is set must close (status closed) the same finding whose proposal it names,
-- the proposal must be a pending_closure position, and the approver must not be its proposer.
-- grain: one row per problem (table_name, _row, column_name, message)
-- reads: updates
-- params: none
with

approvals as (
    select * from updates where approves_update_id is not null
),

proposals as (
    select update_id, rec_id, status, recorded_by from updates
),

checked as (
    select
        approvals._row,
        approvals.approves_update_id,
        approvals.status,
        approvals.rec_id,
        approvals.recorded_by,
        proposals.update_id is null as is_unknown,
        proposals.rec_id as proposal_rec_id,
        proposals.status as proposal_status,
        proposals.recorded_by as proposer,
    from approvals
    left join proposals on proposals.update_id = approvals.approves_update_id
),

final as (
    select 'updates' as table_name, _row, 'approves_update_id' as column_name,
        '''' || approves_update_id || ''' is not a known updates.update_id' as message,
    from checked where is_unknown
    union all
    select 'updates', _row, 'approves_update_id',
        'approves a proposal for another finding (' || proposal_rec_id || ')',
    from checked where not is_unknown and proposal_rec_id <> rec_id
    union all
    select 'updates', _row, 'approves_update_id',
        'approves a position that is not a proposal to close (its status is '
            || proposal_status || ', not pending_closure)',
    from checked where not is_unknown and proposal_status <> 'pending_closure'
    union all
    select 'updates', _row, 'status',
        'an approval of a closure must have status closed, not ' || status,
    from checked where status <> 'closed'
    union all
    select 'updates', _row, 'recorded_by',
        'a closure was approved by its own proposer (' || recorded_by || '): four eyes needed',
    from checked
    where not is_unknown and lower(recorded_by) = lower(proposer)
)

select * from final

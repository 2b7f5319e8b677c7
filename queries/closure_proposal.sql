-- One recorded position by its id, and whether it is still its finding's latest position: what an
-- approver's decision on a proposal to close checks before it is written.
-- grain: one row (none when the id is unknown)
-- reads: updates (as update_spans)
-- params: $update_id VARCHAR
with

spans as (select * from update_spans),

final as (
    select
        update_id,
        rec_id,
        as_at,
        status,
        rag,
        note,
        evidence,
        recorded_by,
        recorded_at,
        -- update_spans orders a finding's positions: the latest has no next one.
        next_as_at is null as is_latest,
    from spans
    where update_id = $update_id::varchar
)

select * from final

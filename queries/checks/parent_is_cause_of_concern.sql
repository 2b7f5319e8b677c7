-- Problems: a parent_rec_id that is not a cause of concern, or a finding that is its own parent.
-- grain: one row per problem (table_name, _row, column_name, message)
-- reads: recommendations
-- params: none
with

child as (select * from recommendations where parent_rec_id is not null),
parent as (select * from recommendations),

final as (
    select
        'recommendations' as table_name,
        child._row,
        'parent_rec_id' as column_name,
        case
            when child.parent_rec_id = child.rec_id then 'a finding cannot be its own parent'
            else 'parent ' || parent.rec_id || ' is a ' || parent.kind
                || ', not a cause_of_concern'
        end as message,
    from child
    inner join parent on parent.rec_id = child.parent_rec_id
    where parent.kind <> 'cause_of_concern' or child.parent_rec_id = child.rec_id
)

select * from final

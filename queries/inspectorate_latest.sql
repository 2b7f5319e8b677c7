-- The inspectorate's own status of one finding as at a date (its latest entry in
-- inspectorate_status.csv on or before the date), shown beside the force's.
-- grain: one row, or none when the inspectorate has said nothing by then
-- reads: inspectorate_status
-- params: $rec_id VARCHAR, $as_at DATE
with

inspectorate_status as (select * from inspectorate_status),

final as (
    select rec_id, as_at, status, note, source
    from inspectorate_status
    where rec_id = $rec_id::varchar
      and as_at <= $as_at::date
    order by as_at desc
    limit 1
)

select * from final

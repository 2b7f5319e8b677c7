-- The Recommendations explorer's rows: every finding of the force's workload as at a date that
-- passes the filters (a recommendation addressed to a national body only when $addressed names
-- 'national_body'). A null filter lets everything through; list filters (kinds, addressed,
-- statuses, rags) are null or non-empty lists. $owner = 'unallocated' keeps the findings with no chief officer lead.
-- A finding with no position recorded has a null status and RAG: $statuses 'no_position' and
-- $rags 'not_recorded' pick it out.
-- $q matches, case-insensitively, the text, the latest note, the finding's name ("Online and on the
-- edge · R4"), its reference or the record id.
-- $slipped_only keeps the open findings whose due date has moved later than the report's.
-- Open work only, unless $include_closed (or a $statuses filter, which may name closed ones).
-- $sort orders every match: 'urgent' (open first, then overdue, then red, then due soonest),
-- 'due', 'updated' (latest position first), 'report' (newest report first) or 'reference'.
-- Paged: $limit rows (null = all) from $offset; total_rows is the count of every match.
-- grain: one row per recommendation issued by $as_at that passes the filters
-- reads: recommendations, updates, inspections (through rec_state_force and rec_state)
-- params: $as_at DATE, $force_id VARCHAR (null = all forces), $owner VARCHAR, $tactical VARCHAR, $board VARCHAR, $inspection VARCHAR, $kinds VARCHAR[], $addressed VARCHAR[], $statuses VARCHAR[], $rags VARCHAR[], $area VARCHAR, $overdue_only BOOLEAN, $slipped_only BOOLEAN, $due_from DATE, $due_to DATE, $q VARCHAR, $include_closed BOOLEAN, $sort VARCHAR, $limit BIGINT, $offset BIGINT
with

-- the force's own workload (rec_state_force), and the recommendations addressed to a national
-- body only when $addressed asks for them: they are not the force's to deliver
state as (
    select * from rec_state_force($as_at::date, $force_id::varchar)
    union all by name
    select * from rec_state($as_at::date, $force_id::varchar)
    where not is_force_workload
      and list_contains($addressed::varchar[], 'national_body')
      and ($force_id::varchar is null or force_id = $force_id::varchar)
),

filtered as (
    select *
    from state
    where (
        $owner::varchar is null
        or ($owner::varchar = 'unallocated' and chief_officer_lead is null)
        or chief_officer_lead = $owner::varchar
    )
      and ($tactical::varchar is null or tactical_lead = $tactical::varchar)
      and ($board::varchar is null or governance_board = $board::varchar)
      and ($inspection::varchar is null or inspection_id = $inspection::varchar)
      and ($kinds::varchar[] is null or list_contains($kinds::varchar[], kind))
      and ($addressed::varchar[] is null or list_contains($addressed::varchar[], addressed_to))
      and (
        $statuses::varchar[] is null
        or list_contains($statuses::varchar[], coalesce(status, 'no_position'))
      )
      and (
        $rags::varchar[] is null or list_contains($rags::varchar[], coalesce(rag, 'not_recorded'))
      )
      and ($area::varchar is null or peel_area = $area::varchar)
      -- open work unless completed findings are asked for (or a status filter names them)
      and (coalesce($include_closed::boolean, false) or is_open or $statuses::varchar[] is not null)
      and (not coalesce($overdue_only::boolean, false) or is_overdue)
      and (not coalesce($slipped_only::boolean, false) or is_slipped)
      and ($due_from::date is null or due_on >= $due_from::date)
      and ($due_to::date is null or due_on <= $due_to::date)
      and (
        $q::varchar is null
        or contains(
            lower(concat_ws(' ', text, note, finding_name, ref, rec_id)),
            lower($q::varchar)
        )
      )
),

final as (
    select
        rec_id,
        finding_name as reference,
        finding_name,
        finding_ref,
        report_name,
        case
            when length(regexp_replace(text, '\s+', ' ', 'g')) > 120
                then left(regexp_replace(text, '\s+', ' ', 'g'), 117) || '…'
            else regexp_replace(text, '\s+', ' ', 'g')
        end as short_text,
        text,
        inspection_id,
        inspection_title,
        issued_on,
        kind,
        addressed_to,
        chief_officer_lead,
        tactical_lead,
        governance_board,
        peel_area,
        deadline_text,
        due_on,
        case when is_open then days_to_due end as days_to_due,
        days_overdue,
        is_open,
        is_overdue,
        original_due_on,
        revision_count,
        days_slipped,
        is_slipped,
        last_revision_reason,
        status,
        rag,
        status_as_at,
        note,
        count(*) over () as total_rows,
    from filtered
)

-- every matching row sorted here, so a page of rows is a page of the whole sorted list;
-- $sort is one of explorer.SORTS (checked before it is bound)
select * from final
order by
    case when $sort::varchar = 'urgent' then not is_open end,
    case when $sort::varchar = 'urgent' then not is_overdue end,
    case when $sort::varchar = 'urgent' then rag is distinct from 'red' end,
    case when $sort::varchar in ('urgent', 'due') then due_on end nulls last,
    case when $sort::varchar = 'updated' then status_as_at end desc nulls last,
    case when $sort::varchar = 'report' then issued_on end desc nulls last,
    case when $sort::varchar = 'report' then inspection_title end,
    case when $sort::varchar = 'reference' then reference end,
    due_on nulls last,
    inspection_title,
    reference,
    rec_id
limit $limit::bigint offset $offset::bigint

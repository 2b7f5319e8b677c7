-- Problems: rag.csv must define every RAG code (a force may redefine meanings, not codes).
-- grain: one row per missing code (table_name, _row, column_name, message)
-- reads: rag
-- params: none
with

codes as (select unnest(['red', 'amber', 'green', 'blue', 'white']) as rag),

final as (
    select
        'rag' as table_name,
        null::integer as _row,
        'rag' as column_name,
        'code ' || codes.rag || ' is missing: every code must be defined' as message,
    from codes
    anti join rag using (rag)
)

select * from final

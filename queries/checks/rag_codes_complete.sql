-- Problems: rag.csv must define every RAG code (a force may redefine meanings, not codes).
-- grain: one row per missing code (table_name, _row, column_name, message)
-- reads: rag
-- params: $rag_codes VARCHAR[] (schema.RAG_CODES, the codes the product gives a meaning to)
with

codes as (select unnest($rag_codes::varchar[]) as rag),

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

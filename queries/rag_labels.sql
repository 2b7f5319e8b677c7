-- The RAG codes and the label a reader sees for each, in display order.
-- grain: one row per RAG code
-- reads: rag
-- params: none
with

rag as (select * from rag),

final as (
    select rag, label from rag
)

select * from final
order by (select display_order from rag as r where r.rag = final.rag);

-- The RAG codes with their labels, meanings and colours, in display order.
-- grain: one row per RAG code
-- reads: rag
-- params: none
select rag, label, meaning, colour, display_order from rag order by display_order

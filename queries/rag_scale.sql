-- The RAG grades as the data folder's rag.csv defines them: code, the words a reader sees, what
-- each means, its colour, in display order. The one source of RAG words and colours for every
-- chart, table, badge, pack and export (oversight/vocabulary.py's RagScale).
-- grain: one row per RAG code
-- reads: rag
-- params: none
select rag, label, meaning, colour, display_order from rag order by display_order, rag

-- Problems: a RAG colour must be written #RRGGBB: it fills the charts, the tables' RAG cells, the
-- record page's badges and the briefing pack, and the text on it is chosen by its contrast.
-- grain: one row per rag.csv row whose colour is not #RRGGBB (table_name, _row, column_name, message)
-- reads: rag
-- params: none
select
    'rag' as table_name,
    _row,
    'colour' as column_name,
    '''' || colour || ''' is not a colour written #RRGGBB (for example #C62828)' as message,
from rag
where colour is not null and not regexp_full_match(colour, '#[0-9A-Fa-f]{6}')

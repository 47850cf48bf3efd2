/**
 * The date of a stance entry as every reader sees it: the one the analyst gave, else the date of
 * the article its evidence comes from (so it follows that date when it is set or corrected later).
 * Needs `s` (concession_stances) and `d` (documents, LEFT JOINed through the entry's annotation).
 */
export const STANCE_AS_OF = 'COALESCE(s.as_of, substr(d.published_at, 1, 10))';
export const STANCE_EVIDENCE_JOIN = 'LEFT JOIN annotations a ON a.id = s.annotation_id LEFT JOIN documents d ON d.id = a.document_id';

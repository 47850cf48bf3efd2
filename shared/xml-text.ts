/**
 * Text for XML writers (XLSX through exceljs, DOCX, REFI-QDA): XML 1.0 forbids C0 controls other
 * than tab, LF and CR, U+FFFE, U+FFFF and unpaired surrogates, and one of them makes the whole file
 * unreadable. Every XML writer passes its text through here.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `replacement` '' strips them; '\uFFFD' keeps every UTF-16 offset where it was (REFI-QDA
 * selections point into the text by position).
 */
export function xmlSafeText(value: string, replacement = ''): string {
  return value.replace(NOT_XML, replacement);
}

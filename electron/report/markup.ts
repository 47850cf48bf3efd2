/** Escaping and fonts shared by the writers that emit markup (HTML, the SVG pictures in it). */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values alike (HTML and SVG). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Fonts installed with the app's system (Noto CJK, DejaVu) cover CJK and Cyrillic in print. */
export const FONT_STACK = `"Noto Sans", "DejaVu Sans", "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK KR", "Segoe UI", "Helvetica Neue", Arial, sans-serif`;

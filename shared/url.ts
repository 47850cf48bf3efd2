/**
 * The one rule for a link that came from an article (a document's URL, a link in its text):
 * an absolute http(s) address with a host, or nothing. `javascript:`, `data:`, `file:` and the
 * like never become a document URL, and the reader and the reports never make them live links.
 * Pure (no Node, no DOM), so the importers, the reports and the page share it.
 */
export const MAX_URL_LENGTH = 4_000;

export function httpUrl(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > MAX_URL_LENGTH || /[\u0000-\u001f\u007f]/.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
  return url.href.length > MAX_URL_LENGTH ? null : url.href;
}

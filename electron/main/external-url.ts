/**
 * The single rule for leaving the app: only plain http(s) addresses with a host, no credentials,
 * no control characters, open in the user's browser. Pure, so it is unit-tested with hostile URLs.
 */
export function isSafeExternalUrl(candidate: unknown): candidate is string {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 4096) return false;
  if (/[\u0000-\u001f\u007f\s\\]/.test(candidate)) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (!url.hostname || url.username || url.password) return false;
  // The URL parser normalises; a string that changed shape on the way is not trusted.
  if (!candidate.toLowerCase().startsWith(`${url.protocol}//`)) return false;
  return true;
}

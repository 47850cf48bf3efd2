/**
 * The page's Content Security Policy: nothing from outside, no inline script. Sent as a response
 * header by the loopback bridge (browser mode) and by the app:// protocol (the desktop window);
 * renderer/index.html carries the same policy in a <meta> (without frame-ancestors, which a meta
 * cannot set), and a test keeps the two equal.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../../shared/content-security-policy';

const directives = (policy: string) =>
  policy
    .split(';')
    .map((directive) => directive.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .sort();

describe('the Content Security Policy', () => {
  it('is the same in the page as in the headers (but for frame-ancestors, which a <meta> cannot set)', () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    assert.ok(meta, 'renderer/index.html carries the policy');
    assert.deepEqual(directives(meta), directives(CONTENT_SECURITY_POLICY).filter((directive) => !directive.startsWith('frame-ancestors')));
  });

  it('allows nothing from outside and no inline script', () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    assert.ok(policy.includes("default-src 'none'"));
    assert.ok(policy.includes("script-src 'self'"));
    assert.ok(!/unsafe-inline|unsafe-eval|https?:|\*/.test(CONTENT_SECURITY_POLICY));
  });
});

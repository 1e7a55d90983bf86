import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { contentSecurityPolicy, inlineScriptHashes, withContentSecurityPolicy } from './content-security-policy.ts';

const sha = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;
const page = [
  '<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title>',
  '<script>window.theme = 1;</script>',
  '<script type="module">import "/x.js";</script>',
  '<script type="module" src="/_astro/page.js"></script>',
  '<script type="application/json" class="exercise-data">{"a":"</"}</script>',
  '</head><body><script aria-hidden="true">sidebar()</script></body></html>',
].join('');

describe('the Content-Security-Policy', () => {
  it('hashes exactly the inline scripts a browser runs (not external ones, not JSON data)', () => {
    expect(inlineScriptHashes(page)).toEqual([sha('window.theme = 1;'), sha('import "/x.js";'), sha('sidebar()')].sort());
  });

  it('goes right after the charset, once, even when added twice', () => {
    const once = withContentSecurityPolicy(page);
    const twice = withContentSecurityPolicy(once);
    expect(twice).toBe(once);
    expect(once.indexOf('<meta http-equiv="content-security-policy"')).toBe(once.indexOf('<meta charset="utf-8">') + '<meta charset="utf-8">'.length);
    expect(once).toContain(`'${sha('sidebar()')}'`);
  });

  it('goes right after the doctype of a page with no <head> tag (a redirect page)', () => {
    const redirect = '<!doctype html><title>Redirecting to: /</title><meta http-equiv="refresh" content="0;url=/"><body><a href="/">/</a></body>';
    const withPolicy = withContentSecurityPolicy(redirect);
    expect(withPolicy.startsWith('<!doctype html><meta http-equiv="content-security-policy" content="default-src \'self\';')).toBe(true);
    expect(withPolicy.endsWith(redirect.slice('<!doctype html>'.length))).toBe(true);
    expect(() => withContentSecurityPolicy('<p>no page</p>')).toThrow(/without <head> or doctype/);
  });

  it('lets scripts come only from the site and the hashes, and workers only from the site', () => {
    const policy = contentSecurityPolicy(['sha256-abc']);
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).not.toMatch(/unsafe-eval'(?<!wasm-unsafe-eval')/);
    expect(policy).toContain("worker-src 'self'");
    expect(policy).toContain("object-src 'none'");
  });
});

// The Content-Security-Policy as Chromium enforces it on the built site:
// every page carries it, and the course, the playground, the progress page
// and an embed run (editor, worker, step mode, search) without a single
// violation; an injected inline script is refused.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSiteInBrowser } from './browser.ts';
import { openPlayground, runNow } from './playground-driver.ts';
import { checkNow, openExercise } from './workbench-driver.ts';

/** Records every CSP violation and console error of `page` (the listener goes in before any page script). */
async function watch(page: Page): Promise<{ violations: () => Promise<string[]>; console: string[] }> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  page.on('pageerror', (e) => console.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return { console, violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations) };
}

describe('the Content-Security-Policy', () => {
  const { site, browser } = useSiteInBrowser();

  it('is in every page, with script-src limited to the site and the page\'s own hashes', async () => {
    const page = await browser.context.newPage();
    for (const path of ['/', '/course/02-message-passing/', '/playground/', '/progress/', '/embed/mp-wmb-rmb/', '/404.html']) {
      await page.goto(`${site.url}${path}`);
      const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
      expect(policy, path).toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')*;/);
      expect(policy, path).toContain("worker-src 'self'");
      expect(policy, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    }
    await page.close();
  });

  it('the course: a chapter page with its exercise checked, Play it stepped and search used, without a violation; an injected script is refused', async () => {
    const page = await browser.context.newPage();
    const seen = await watch(page);
    const section = await openExercise(page, site.url, 'mp-wmb-rmb');
    expect((await checkNow(section)).status).toBe('incorrect');
    await section.locator('.wb-play-button').click();
    await section.locator('button:has-text("Play it to the end")').click();
    await section.locator('.wb-play-status').filter({ hasText: /Finished/ }).waitFor();
    // Search (Pagefind: WebAssembly, its index files).
    await page.locator('button[data-open-modal]').first().click();
    await page.keyboard.type('barrier');
    await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    expect(await seen.violations()).toEqual([]);
    expect(seen.console).toEqual([]);

    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
      return (window as unknown as { __injected?: boolean }).__injected ?? false;
    });
    expect(ran).toBe(false);
    await expect.poll(() => seen.violations()).toEqual([expect.stringMatching(/^script-src-elem inline/)]);
    await page.close();
  });

  it('the playground, the progress page and an embed run without a violation', async () => {
    const page = await browser.context.newPage();
    const seen = await watch(page);
    const root = await openPlayground(page, site.url);
    await root.locator('#pg-model').selectOption('lkmm');
    await runNow(root, () => root.locator('button[data-example="wrc"]').click());
    await root.locator('.pg-repair ul li').first().waitFor({ timeout: 60_000 });
    await root.locator('.pg-execution .wb-play-button').click();
    await root.locator('.pg-execution button:has-text("Play it to the end")').click();
    await root.locator('.pg-execution .wb-play-status').filter({ hasText: /Finished/ }).waitFor();
    await root.locator('button.pg-share').click();
    await root.locator('.wb-share-url').waitFor();
    expect(await seen.violations(), 'playground').toEqual([]);

    await page.goto(`${site.url}/progress/`);
    await page.waitForSelector('[data-progress][data-ready]');
    await page.locator('button.progress-reset-all').click({ trial: true }).catch(() => undefined);
    expect(await seen.violations(), 'progress').toEqual([]);

    await page.goto(`${site.url}/embed/mp-wmb-rmb/`);
    await page.waitForSelector('[data-workbench="ready"]', { timeout: 60_000 });
    await page.locator('button.wb-check').click();
    await page.locator('.wb-result[data-status="incorrect"]').waitFor({ timeout: 60_000 });
    expect(await seen.violations(), 'embed').toEqual([]);
    expect(seen.console).toEqual([]);
    await page.close();
  });
});

// <barrier-lab-exercise> in a plain HTML page of another origin: one script
// tag from the course's site, and the element checks answers with the
// course's worker (started through a blob, since a page may not start a
// worker from another origin's URL), fires barrier-lab:checked and
// barrier-lab:solved, follows its theme attribute, and says so when its
// exercise does not exist. Screenshots in light, dark and phone width.
import { describe, expect, it } from 'vitest';
import { stat } from 'node:fs/promises';
import { dist, results, useSiteInBrowser } from './browser.ts';
import { solveWithTheSolution } from './workbench-driver.ts';

interface Heard {
  readonly type: string;
  readonly element: string;
  readonly detail: Record<string, unknown>;
}

/** A plain page of the host with one exercise element (or more) in `body`. */
const plainPage = (siteUrl: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A plain page</title>
<script type="module" src="${siteUrl}/embed/barrier-lab-exercise.js"></script></head><body><h1>Notes</h1>${body}</body></html>`;

describe('the <barrier-lab-exercise> web component', () => {
  const { site, browser, host } = useSiteInBrowser({
    needs: 'embed/barrier-lab-exercise.js',
    foreignHost: (siteUrl) => ({
      'index.html': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>A plain page</title>
<script type="module" src="${siteUrl}/embed/barrier-lab-exercise.js"></script>
<script type="module">
  window.heard = [];
  for (const type of ['barrier-lab:checked', 'barrier-lab:solved']) {
    document.addEventListener(type, (event) => window.heard.push({ type, element: event.target.closest('barrier-lab-exercise').id, detail: event.detail }));
  }
</script>
<style>body { font-family: Georgia, serif; max-width: 50rem; margin: 1rem auto; padding: 0 1rem; } button { background: hotpink; }</style>
</head><body>
<h1>Store buffering, from our team's wiki</h1>
<p>Try it yourself:</p>
<barrier-lab-exercise id="sb" exercise="sb-full-barriers"></barrier-lab-exercise>
<h2>A typo</h2>
<barrier-lab-exercise id="typo" exercise="no-such-exercise"></barrier-lab-exercise>
</body></html>`,
      'dark.html': plainPage(siteUrl, '<barrier-lab-exercise id="dark" exercise="mp-wmb-rmb" theme="dark"></barrier-lab-exercise>'),
      'mixed.html': plainPage(siteUrl, '<barrier-lab-exercise id="light" exercise="mp-wmb-rmb" theme="light"></barrier-lab-exercise><barrier-lab-exercise id="dark" exercise="sb-full-barriers" theme="dark"></barrier-lab-exercise>'),
    }),
  });

  it('is one small script that checks answers in a page of another origin, fires checked and solved, and says when an exercise does not exist', async () => {
    expect((await stat(`${dist}/embed/barrier-lab-exercise.js`)).size).toBeLessThan(4_000);
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.goto(`${host.url}/`);
    const sb = page.locator('barrier-lab-exercise#sb');
    await page.waitForSelector('barrier-lab-exercise#sb[data-state="ready"]', { timeout: 60_000 });
    expect(await sb.locator('.exercise-title').innerText()).toBe('Exercise: Store buffering needs a full barrier on both sides');
    expect(await sb.locator('.barrier-lab-credit a').getAttribute('href')).toBe(`${site.url}/course/03-store-buffering/`);

    // The starter is wrong, with its counterexample: the worker ran, from a blob.
    await sb.locator('button.wb-check').click();
    await sb.locator('.wb-result[data-status="incorrect"]').waitFor({ timeout: 60_000 });
    expect(await sb.locator('.wb-lanes .wb-step').count()).toBeGreaterThan(2);
    expect(workers.some((url) => url.startsWith(`blob:${host.url}/`))).toBe(true);

    await solveWithTheSolution(sb);
    const heard = await page.evaluate(() => (window as unknown as { heard: Heard[] }).heard);
    expect(heard.map((h) => `${h.element} ${h.type} ${String(h.detail.status)}`)).toEqual([
      'sb barrier-lab:checked incorrect', 'sb barrier-lab:checked correct', 'sb barrier-lab:solved correct',
    ]);
    expect(heard[2]!.detail).toEqual({ exercise: 'sb-full-barriers', status: 'correct', score: { given: 10, maximum: 10 }, attempts: 2, solved: true });

    // Its own Share link goes to the course's chapter.
    await sb.locator('button.wb-share-button').click();
    expect(await sb.locator('.wb-share-url').inputValue()).toMatch(new RegExp(`^${site.url}/course/03-store-buffering/#share=sb-full-barriers~1`));

    const typo = page.locator('barrier-lab-exercise#typo');
    await page.waitForSelector('barrier-lab-exercise#typo[data-state="failed"]', { timeout: 30_000 });
    expect(await typo.locator('[role="alert"]').innerText()).toBe('The exercise “no-such-exercise” could not load: there is no exercise with that id.');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows its theme attribute, keeps the host page\'s styles out, and reads at phone width (screenshots)', async () => {
    const page = await browser.context.newPage();
    const darkEditor = 'rgb(23, 24, 28)';
    const editorBackground = (id: string) => page.evaluate((which) => getComputedStyle(document.querySelector(`#${which} .monaco-editor-background`)!).backgroundColor, id);
    // A fresh start (the first test solved this exercise in this page's storage).
    await page.goto(`${host.url}/404.html`);
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${host.url}/`);
    await page.waitForSelector('barrier-lab-exercise#sb[data-state="ready"]', { timeout: 60_000 });
    const light = await page.evaluate(() => ({
      box: getComputedStyle(document.querySelector('#sb .barrier-lab-standalone')!).backgroundColor,
      check: getComputedStyle(document.querySelector('#sb button.wb-check')!).backgroundColor,
    }));
    expect(light.box).toBe('rgb(255, 255, 255)');
    expect(light.check).not.toBe('rgb(255, 105, 180)'); // the host's hotpink buttons stay the host's
    expect(await editorBackground('sb')).not.toBe(darkEditor);
    await page.locator('barrier-lab-exercise#sb button.wb-check').click();
    await page.locator('barrier-lab-exercise#sb .wb-result[data-status="incorrect"]').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `${results}/web-component-page.png`, fullPage: true });

    await page.goto(`${host.url}/dark.html`);
    await page.waitForSelector('barrier-lab-exercise#dark[data-state="ready"]', { timeout: 60_000 });
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('#dark .barrier-lab-standalone')!).backgroundColor)).toBe('rgb(23, 24, 28)');
    await expect.poll(() => editorBackground('dark')).toBe(darkEditor);
    await page.locator('barrier-lab-exercise#dark button.wb-check').click();
    await page.locator('barrier-lab-exercise#dark .wb-result[data-status="incorrect"]').waitFor({ timeout: 60_000 });
    await page.locator('barrier-lab-exercise#dark').screenshot({ path: `${results}/web-component-dark.png` });

    // Two themes on one page: Monaco has one theme per page, so the editors follow the reader's setting (light here).
    await page.goto(`${host.url}/mixed.html`);
    await page.waitForSelector('barrier-lab-exercise#light[data-state="ready"]', { timeout: 60_000 });
    await page.waitForSelector('barrier-lab-exercise#dark[data-state="ready"]', { timeout: 60_000 });
    expect(await editorBackground('light')).not.toBe(darkEditor);
    expect(await editorBackground('dark')).not.toBe(darkEditor);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${host.url}/`);
    await page.waitForSelector('barrier-lab-exercise#sb[data-state="ready"]', { timeout: 60_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.locator('barrier-lab-exercise#sb').screenshot({ path: `${results}/web-component-phone.png` });
    await page.close();
  });
});

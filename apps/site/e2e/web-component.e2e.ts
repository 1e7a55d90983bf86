// <barrier-lab-exercise> in a plain HTML page of another origin: one script
// tag from the course's site, and the element checks answers with the
// course's worker (started through a blob, since a page may not start a
// worker from another origin's URL), fires barrier-lab:checked and
// barrier-lab:solved, follows its theme attribute, and says so when its
// exercise does not exist. It works under the Content-Security-Policy
// docs/embedding.md gives host pages. It lives in its own shadow root: a
// hostile host page's CSS does not reach in, and its own CSS does not reach out.
// Screenshots in light, dark and phone width.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { topLevelRules } from '../scripts/component-styles.ts';
import { expectNoViolations } from './axe.ts';
import { dist, results, useSiteInBrowser } from './browser.ts';
import { solveWithTheSolution } from './workbench-driver.ts';

interface Heard {
  readonly type: string;
  readonly element: string;
  readonly target: string;
  readonly detail: Record<string, unknown>;
}

/** Elements of the host page's own that carry the component's class names: its CSS must not reach them. */
const hostLookalikes = `<section class="exercise" id="lookalikes"><h2 class="exercise-title">The host's heading</h2><p class="exercise-task">The host's text.</p>
<button type="button" class="wb-button wb-check">The host's button</button><pre class="exercise-code"><code>host code</code></pre>
<div class="barrier-lab-standalone" data-bl-theme="dark">The host's box</div><div class="wb-result" data-status="correct">The host's result</div>
<div class="monaco-editor">The host's editor</div><p class="barrier-lab-credit"><a href="#">The host's link</a></p></section>`;

/** A host page whose CSS does its worst to everything it can reach. */
const hostileStyles = `<style>
* { color: red !important; font-size: 40px; font-family: 'Comic Sans MS', cursive; letter-spacing: 3px; line-height: 3; text-transform: uppercase; }
button { display: none !important; }
div, p, section, pre { padding: 30px; margin: 0; border: 5px solid lime; background: yellow; }
:root { --sl-color-text: red; --sl-color-bg: yellow; --sl-text-sm: 40px; --bl-rem: 50px; }
</style>`;

/** What the host page sees of the inside of element `id`: some elements' looks and sizes (from the page, through the open shadow root). */
function insideLooks(id: string): Record<string, Record<string, string | number>> {
  const inside = document.getElementById(id)!.shadowRoot!;
  const selectors = ['.barrier-lab-standalone', '.exercise-title', '.exercise-task', '.exercise-may-change', 'button.wb-check', '.wb-select',
    '.wb-editor .view-line', '.barrier-lab-credit', '.barrier-lab-credit a'];
  return Object.fromEntries(selectors.map((selector) => {
    const el = inside.querySelector(selector);
    if (!el) return [selector, { missing: 1 }];
    const s = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return [selector, {
      color: s.color, background: s.backgroundColor, fontSize: s.fontSize, fontFamily: s.fontFamily, lineHeight: s.lineHeight,
      letterSpacing: s.letterSpacing, textTransform: s.textTransform, display: s.display, padding: s.padding, border: s.borderTopWidth,
      width: Math.round(box.width), height: Math.round(box.height),
    }];
  }));
}

/** Every computed property of the host page's look-alike elements (see hostLookalikes). */
function lookalikeStyles(): Record<string, Record<string, string>> {
  return Object.fromEntries([...document.querySelectorAll('#lookalikes, #lookalikes *')].map((el, i) => {
    const s = getComputedStyle(el);
    return [`${i} ${el.localName}.${el.className}`, Object.fromEntries([...s].map((name) => [name, s.getPropertyValue(name)]))];
  }));
}

/** A plain page of the host with one exercise element (or more) in `body`. */
const plainPage = (siteUrl: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A plain page</title>
<script type="module" src="${siteUrl}/embed/barrier-lab-exercise.js"></script></head><body><main><h1>Notes</h1>${body}</main></body></html>`;

/**
 * The Content-Security-Policy docs/embedding.md tells a host page to send, for
 * the course at `siteUrl`, after `default-src 'none'`: what it lists must be
 * enough.
 */
function documentedPolicy(siteUrl: string): string {
  const doc = readFileSync(new URL('../../../docs/embedding.md', import.meta.url), 'utf8');
  const block = /must allow, for the[\s\S]*?```\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/embedding.md has no Content-Security-Policy block');
  return `default-src 'none'; ${block.replaceAll('https://barrier-lab.example', siteUrl).replace(/\s+/g, ' ').trim()}`;
}

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
    document.addEventListener(type, (event) => window.heard.push({ type, element: event.target.closest('barrier-lab-exercise').id, target: event.target.localName, detail: event.detail }));
  }
</script>
<style>body { font-family: Georgia, serif; max-width: 50rem; margin: 1rem auto; padding: 0 1rem; } button { background: hotpink; }</style>
</head><body><main>
<h1>Store buffering, from our team's wiki</h1>
<p>Try it yourself:</p>
<barrier-lab-exercise id="sb" exercise="sb-full-barriers"></barrier-lab-exercise>
<h2>A typo</h2>
<barrier-lab-exercise id="typo" exercise="no-such-exercise"></barrier-lab-exercise>
</main></body></html>`,
      'dark.html': plainPage(siteUrl, '<barrier-lab-exercise id="dark" exercise="mp-wmb-rmb" theme="dark"></barrier-lab-exercise>'),
      'bare.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A plain page</title></head><body><h1>Notes</h1>${hostLookalikes}</body></html>`,
      'calm.html': plainPage(siteUrl, `<barrier-lab-exercise id="sb" exercise="sb-full-barriers" theme="light"></barrier-lab-exercise>${hostLookalikes}`),
      'hostile.html': plainPage(siteUrl, `${hostileStyles}<barrier-lab-exercise id="sb" exercise="sb-full-barriers" theme="light"></barrier-lab-exercise>${hostLookalikes}`),
      'forced-divs.html': plainPage(siteUrl, '<style>div { display: block !important; padding: 30px; border: 5px solid lime; }</style><barrier-lab-exercise id="sb" exercise="sb-full-barriers" theme="light"></barrier-lab-exercise><p id="after">After the exercise.</p>'),
      'strict.html': plainPage(siteUrl, '<barrier-lab-exercise id="mp" exercise="mp-wmb-rmb"></barrier-lab-exercise>')
        .replace('<meta charset="utf-8">', `<meta charset="utf-8"><meta http-equiv="content-security-policy" content="${documentedPolicy(siteUrl)}">`),
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
    // Seen from the page, the events come from the element itself (its inside is its shadow root's).
    expect(heard.map((h) => h.target)).toEqual(['barrier-lab-exercise', 'barrier-lab-exercise', 'barrier-lab-exercise']);
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

  it('checks answers in a page whose Content-Security-Policy allows only what embedding.md lists', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${host.url}/strict.html`);
    const mp = page.locator('barrier-lab-exercise#mp');
    await page.waitForSelector('barrier-lab-exercise#mp[data-state="ready"]', { timeout: 60_000 });
    // The check worker starts (from a blob, importing the course's worker) and answers.
    await mp.locator('button.wb-check').click();
    const result = mp.locator('.wb-result[data-status]:not([data-status="checking"])');
    await result.waitFor({ timeout: 60_000 });
    expect(`${await result.getAttribute('data-status')}: ${await result.innerText()}`).toMatch(/^incorrect: Incorrect\./);
    expect(await mp.locator('.wb-lanes .wb-step').count()).toBeGreaterThan(2);
    await page.close();
  });

  it('follows its theme attribute, keeps the host page\'s styles out, and reads at phone width (screenshots)', async () => {
    const page = await browser.context.newPage();
    const darkEditor = 'rgb(23, 24, 28)';
    const editorBackground = (id: string) => page.evaluate((which) => getComputedStyle(document.getElementById(which)!.shadowRoot!.querySelector('.monaco-editor-background')!).backgroundColor, id);
    // A fresh start (the first test solved this exercise in this page's storage).
    await page.goto(`${host.url}/404.html`);
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${host.url}/`);
    await page.waitForSelector('barrier-lab-exercise#sb[data-state="ready"]', { timeout: 60_000 });
    const light = await page.evaluate(() => {
      const inside = document.getElementById('sb')!.shadowRoot!;
      return {
        box: getComputedStyle(inside.querySelector('.barrier-lab-standalone')!).backgroundColor,
        check: getComputedStyle(inside.querySelector('button.wb-check')!).backgroundColor,
      };
    });
    expect(light.box).toBe('rgb(255, 255, 255)');
    expect(light.check).not.toBe('rgb(255, 105, 180)'); // the host's hotpink buttons stay the host's
    expect(await editorBackground('sb')).not.toBe(darkEditor);
    await page.locator('barrier-lab-exercise#sb button.wb-check').click();
    await page.locator('barrier-lab-exercise#sb .wb-result[data-status="incorrect"]').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `${results}/web-component-page.png`, fullPage: true });
    // axe looks inside the shadow roots too.
    await expectNoViolations(page, 'the element, light, with a counterexample');

    await page.goto(`${host.url}/dark.html`);
    await page.waitForSelector('barrier-lab-exercise#dark[data-state="ready"]', { timeout: 60_000 });
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('dark')!.shadowRoot!.querySelector('.barrier-lab-standalone')!).backgroundColor)).toBe('rgb(23, 24, 28)');
    await expect.poll(() => editorBackground('dark')).toBe(darkEditor);
    await page.locator('barrier-lab-exercise#dark button.wb-check').click();
    await page.locator('barrier-lab-exercise#dark .wb-result[data-status="incorrect"]').waitFor({ timeout: 60_000 });
    await page.locator('barrier-lab-exercise#dark').screenshot({ path: `${results}/web-component-dark.png` });
    await expectNoViolations(page, 'the element, dark, with a counterexample');

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
  it('leaves nothing in the host page\'s layout or accessibility tree: Monaco\'s hidden context view in <body> stays hidden, even under a page rule forcing every div to show', async () => {
    const page = await browser.context.newPage();
    for (const file of ['calm.html', 'forced-divs.html']) {
      await page.goto(`${host.url}/${file}`);
      await page.waitForSelector('barrier-lab-exercise#sb[data-state="ready"]', { timeout: 60_000 });
      // The learner uses the editor: types, opens the completion list, closes it.
      const editor = page.locator('barrier-lab-exercise#sb .view-line').nth(8);
      await editor.click();
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('smp_');
      await page.keyboard.press('Control+Space');
      await page.waitForTimeout(500);
      await page.keyboard.press('Escape');
      const views = await page.evaluate(() => [...document.querySelectorAll('.context-view')].map((view) => {
        const box = view.getBoundingClientRect();
        return { inBody: view.parentElement === document.body, display: getComputedStyle(view).display, width: box.width, height: box.height, hidden: view.getAttribute('aria-hidden') };
      }));
      expect(views.length, file).toBeGreaterThan(0);
      for (const view of views) expect(view, file).toEqual({ inBody: true, display: 'none', width: 0, height: 0, hidden: 'true' });
      // Nothing of Monaco's at the end of <body> is in the accessibility tree but its announcement box (a live region, by design).
      const cdp = await page.context().newCDPSession(page);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree') as { nodes: { ignored: boolean; backendDOMNodeId?: number }[] };
      const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true }) as { root: { backendNodeId: number; attributes?: string[]; children?: unknown[] } };
      type DomNode = { backendNodeId: number; attributes?: string[]; children?: DomNode[] };
      const contextViews: number[] = [];
      const walk = (node: DomNode) => {
        if ((node.attributes ?? []).some((a) => a.split(' ').includes('context-view'))) contextViews.push(node.backendNodeId);
        for (const child of node.children ?? []) walk(child);
      };
      walk(root as DomNode);
      expect(contextViews.length, file).toBeGreaterThan(0);
      expect(nodes.filter((n) => !n.ignored && n.backendDOMNodeId !== undefined && contextViews.includes(n.backendDOMNodeId)), file).toEqual([]);
      await cdp.detach();
    }
    // What was typed is kept as this exercise's code in the page's storage: the next suite starts afresh.
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  it('lives in its own shadow root: a hostile page\'s CSS does not change it, and its CSS does not reach the page\'s own elements', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const ready = async (file: string) => {
      await page.goto(`${host.url}/${file}`);
      await page.waitForSelector('barrier-lab-exercise#sb[data-state="ready"]', { timeout: 60_000 });
    };
    // The host's look-alikes, without the component and with it: the same, every property.
    await page.goto(`${host.url}/bare.html`);
    const bare = await page.evaluate(lookalikeStyles);
    await ready('calm.html');
    expect(await page.evaluate(lookalikeStyles)).toEqual(bare);
    expect(await page.evaluate(() => document.getElementById('sb')!.shadowRoot?.mode)).toBe('open');
    const calm = await page.evaluate(insideLooks, 'sb');
    expect(Object.entries(calm).filter(([, looks]) => looks.missing).map(([selector]) => selector)).toEqual([]);
    // The page itself holds no rule of ours but font faces and the editor's hidden announcement box.
    const pageSheets = await page.evaluate(() => [...document.styleSheets].map((sheet) => sheet.href).filter((href) => href !== null));
    expect(pageSheets).toEqual([`${site.url}/embed/barrier-lab-exercise-document.css`]);
    const pageRules = topLevelRules(await readFile(`${dist}/embed/barrier-lab-exercise-document.css`, 'utf8'));
    expect(pageRules.map((rule) => rule.slice(0, rule.indexOf('{'))).sort()).toEqual(['.monaco-aria-container', '.monaco-aria-container', '@font-face', 'body>.context-view[aria-hidden=true]']);

    // The hostile page: everything inside looks and measures the same, and works.
    await page.setViewportSize({ width: 1280, height: 900 });
    await ready('hostile.html');
    expect(await page.evaluate(insideLooks, 'sb')).toEqual(calm);
    const sb = page.locator('barrier-lab-exercise#sb');
    await sb.locator('button.wb-check').click();
    await sb.locator('.wb-result[data-status="incorrect"]').waitFor({ timeout: 60_000 });
    expect(await sb.evaluate((el) => (el as HTMLElement & { workbench?: { source: string } }).workbench?.source.startsWith('C '))).toBe(true);
    await page.screenshot({ path: `${results}/web-component-hostile.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await sb.screenshot({ path: `${results}/web-component-hostile-phone.png` });
    expect(errors).toEqual([]);
    await page.close();
  });
});

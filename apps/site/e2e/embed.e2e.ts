// The /embed/<id>/ route in iframes of a page of another origin: the page
// that names itself with ?parent= hears "ready", its height, "checked" and
// "solved" (version 1) when the learner solves the exercise in the frame;
// a frame told another parent origin, or none, tells the page nothing; a
// course page may not be framed by another origin, an embed may.
import { describe, expect, it } from 'vitest';
import { expectNoViolations } from './axe.ts';
import { results, useSiteInBrowser } from './browser.ts';
import { solveWithTheSolution } from './workbench-driver.ts';

interface Heard {
  readonly frame: string;
  readonly origin: string;
  readonly data: { source?: string; version?: number; type?: string; exercise?: string; [key: string]: unknown };
}

/** An iframe of the host page. */
const frame = (id: string, src: string) => `<iframe id="${id}" title="${id}" src="${src}" style="width: 100%; height: 900px; border: 1px solid #ccc"></iframe>`;

describe('the embed route', () => {
  const { site, browser, host } = useSiteInBrowser({
    foreignHost: (siteUrl, hostUrl) => ({
      'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Someone's docs</title></head><body>
<h1>Memory barriers, a short guide</h1>
<script type="module">
  window.heard = [];
  addEventListener('message', (event) => {
    const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === event.source);
    window.heard.push({ frame: frame ? frame.id : '?', origin: event.origin, data: event.data });
  });
</script>
${frame('good', `__SITE__/embed/mp-wmb-rmb/?parent=__HOST__`)}
${frame('elsewhere', `__SITE__/embed/sb-full-barriers/?parent=https://docs.example.org`)}
${frame('silent', `__SITE__/embed/mp-release-acquire/`)}
${frame('course', `__SITE__/course/02-message-passing/`)}
</body></html>`.replaceAll('__SITE__', siteUrl).replaceAll('__HOST__', encodeURIComponent(hostUrl)),
    }),
  });

  it('posts ready, its height, checked and solved (version 1) to the page that named its origin, and nothing to anyone else', async () => {
    const page = await browser.context.newPage();
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors/.test(m.text())) blocked.push(m.text());
    });
    await page.goto(`${host.url}/`);
    const good = page.frameLocator('#good');
    await good.locator('[data-exercise-id="mp-wmb-rmb"][data-workbench="ready"]').waitFor({ timeout: 60_000 });
    // An embed loads its workbench when it scrolls into view, as in the course.
    const elsewhere = page.frameLocator('#elsewhere');
    await page.locator('#elsewhere').scrollIntoViewIfNeeded();
    await elsewhere.locator('[data-workbench="ready"]').waitFor({ timeout: 60_000 });
    await page.locator('#silent').scrollIntoViewIfNeeded();
    await page.frameLocator('#silent').locator('[data-workbench="ready"]').waitFor({ timeout: 60_000 });

    // The frame told another origin checks too: its messages are never delivered here.
    await elsewhere.locator('button.wb-check').click();
    await elsewhere.locator('.wb-result[data-status="incorrect"]').waitFor({ timeout: 60_000 });
    await page.frameLocator('#silent').locator('button.wb-check').click();
    await page.frameLocator('#silent').locator('.wb-result[data-status="incorrect"]').waitFor({ timeout: 60_000 });

    await page.locator('#good').scrollIntoViewIfNeeded();
    await solveWithTheSolution(good);
    await page.waitForFunction(() => (window as unknown as { heard: Heard[] }).heard.some((h) => h.data?.type === 'solved'), undefined, { timeout: 10_000 });
    const heard = await page.evaluate(() => (window as unknown as { heard: Heard[] }).heard);
    const fromGood = heard.filter((h) => h.frame === 'good');
    expect(heard.filter((h) => h.frame !== 'good'), 'only the frame told this origin speaks').toEqual([]);
    for (const h of fromGood) {
      expect(h.origin).toBe(site.url);
      expect(h.data).toMatchObject({ source: 'barrier-lab', version: 1, exercise: 'mp-wmb-rmb' });
    }
    const types = fromGood.map((h) => h.data.type);
    expect(types).toContain('ready');
    expect(types.filter((t) => t === 'checked')).toHaveLength(1);
    expect(types.indexOf('checked')).toBeLessThan(types.indexOf('solved'));
    expect(fromGood.find((h) => h.data.type === 'solved')!.data).toEqual({
      source: 'barrier-lab', version: 1, type: 'solved', exercise: 'mp-wmb-rmb',
      status: 'correct', score: { given: 10, maximum: 10 }, attempts: 1, solved: true,
    });
    const height = fromGood.filter((h) => h.data.type === 'resize').at(-1)!.data.height as number;
    expect(height).toBeGreaterThan(600);

    // The course itself refuses to be framed by another origin; the embed does not.
    await expect.poll(() => blocked.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(blocked.map((m) => m.trim())).toEqual([`Framing '${site.url}/' violates the following Content Security Policy directive: "frame-ancestors 'self'". The request has been blocked.`]);
    expect(await page.frameLocator('#course').locator('body').innerText().catch(() => '')).not.toContain('Message passing');
    await page.close();
  });

  it('reads in light and dark (?theme=) and at phone width, with minimal chrome, and axe finds no violation in either theme', async () => {
    const page = await browser.context.newPage();
    for (const theme of ['light', 'dark'] as const) {
      await page.goto(`${site.url}/embed/sb-full-barriers/?theme=${theme}`);
      await page.waitForSelector('[data-workbench="ready"]', { timeout: 60_000 });
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(await page.locator('nav, header, .sidebar-pane').count()).toBe(0);
      await expectNoViolations(page, `the embed, ${theme}, as it opens`);
      await page.locator('button.wb-check').click();
      await page.locator('.wb-result[data-status="incorrect"]').waitFor({ timeout: 60_000 });
      await page.locator('.wb-graph svg').first().waitFor();
      await expectNoViolations(page, `the embed, ${theme}, with a counterexample`);
      await page.screenshot({ path: `${results}/embed-${theme}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${site.url}/embed/sb-full-barriers/`);
    await page.waitForSelector('[data-workbench="ready"]', { timeout: 60_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${results}/embed-phone.png`, fullPage: true });
    await page.close();
  });
  it('draws the workbench\'s own headings (result, Play it, Stuck?, solution) no bigger than the exercise\'s title, as on a chapter page', async () => {
    // The embed's title is an h1, so the workbench's headings are one level
    // up from a chapter's (h2 and h3, not h3 and h4); their sizes must not
    // depend on the level.
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/embed/mp-wmb-rmb/`);
    await page.waitForSelector('[data-workbench="ready"]', { timeout: 60_000 });
    await page.locator('button.wb-check').click();
    await page.locator('.wb-result[data-status="incorrect"]').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /^Play it/ }).click();
    await page.locator('.wb-play-lane').first().waitFor({ timeout: 60_000 });
    for (let shown = 0; shown < 5; shown++) {
      const next = page.locator('.wb-hints > button:visible');
      if ((await next.count()) === 0) break;
      await next.first().click();
    }
    await page.locator('.wb-why').getByText('Why this is the answer').waitFor();
    const sizes = await page.evaluate(() => {
      const size = (e: Element) => parseFloat(getComputedStyle(e).fontSize);
      const title = document.querySelector('.exercise-title')!;
      const headings = [...document.querySelectorAll('[data-exercise-id] :is(h1, h2, h3, h4, h5, h6)')].filter((h) => h !== title);
      return { title: size(title), headings: headings.map((h) => ({ text: (h.textContent ?? '').trim().slice(0, 40), size: size(h) })) };
    });
    expect(sizes.headings.map((h) => h.text)).toEqual(expect.arrayContaining(['How it goes wrong under lkmm', 'Play it', 'Stuck?', 'Reference solution', 'Why this is the answer']));
    expect(sizes.headings.filter((h) => h.size > sizes.title), `title ${sizes.title}px`).toEqual([]);
    await page.screenshot({ path: `${results}/embed-headings.png`, fullPage: true });
    await page.close();
  });
});

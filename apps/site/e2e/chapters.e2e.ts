import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { courseOutline, exercises } from '@barrier-lab/exercises';
import { serveStatic, type StaticSite } from '../scripts/static-server.ts';
import { launchBrowser, type Browser } from './browser.ts';
import { chapterPath } from '../src/lib/course-links.ts';

const dist = fileURLToPath(new URL('../dist', import.meta.url));

// The course's structure as a learner meets it: the landing page's cards and
// the sidebar reach every chapter, in order, and every chapter ends with its
// exercises. (The workbench's interactivity has its own tests.)
describe('the chapters', () => {
  let site: StaticSite;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(`${dist}/index.html`)) throw new Error('apps/site/dist is missing: run the site build first (nx e2e does).');
    site = await serveStatic(dist);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('links every chapter from a landing-page card, in order', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/`);
    const hrefs = await page.locator('.chapter-list li a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(courseOutline.map(chapterPath));
    await page.close();
  });

  it('lists Chapter 0 and every chapter in the sidebar, in order, with next links that walk the course', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/course/how-to-use/`);
    const sidebar = await page.locator('nav[aria-label="Main"] a[href^="/course/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(sidebar).toEqual(['/course/how-to-use/', ...courseOutline.map(chapterPath)]);
    // Follow "Next" from Chapter 0 to the capstone: the learner always knows what comes next.
    const visited: string[] = [];
    for (let i = 0; i < courseOutline.length; i++) {
      await page.locator('a[rel="next"]').click();
      await page.waitForLoadState('domcontentloaded');
      visited.push(new URL(page.url()).pathname);
      expect(await page.locator('nav[aria-label="Main"] a[aria-current="page"]').getAttribute('href')).toBe(visited.at(-1));
    }
    expect(visited).toEqual(courseOutline.map(chapterPath));
    expect(await page.locator('a[rel="next"]').count()).toBe(0);
    await page.close();
  });

  for (const chapter of courseOutline) {
    it(`chapter ${chapter.number} has a picture with a text alternative and ends with its exercises`, async () => {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const response = await page.goto(`${site.url}${chapterPath(chapter)}`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').first().textContent()).toBe(`Chapter ${chapter.number}: ${chapter.title}`);
      const own = exercises().filter((e) => e.chapter === chapter.number).map((e) => e.id);
      const shown = await page.locator('main [data-exercise-id]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-exercise-id')));
      expect([...shown].sort()).toEqual([...own].sort());
      // Nothing of the chapter's own content comes after its last exercise,
      // but the folded debrief of the exercises ("What just happened").
      const after = await page.locator('main [data-exercise-id]').last().evaluate((node) => {
        let text = '';
        for (let n = node.nextElementSibling; n; n = n.nextElementSibling) if (!n.matches('details.debrief')) text += n.textContent ?? '';
        return text.trim();
      });
      expect(after).toBe('');
      // At least one figure, each with a text alternative: an SVG picture with
      // role="img" and a non-empty title and description, or a checked litmus test.
      const pictures = await page.locator('main figure [role="img"]').evaluateAll((nodes) => nodes.filter((n) => (n as HTMLElement).offsetParent !== null || n.getBoundingClientRect().width > 0).map((svg) => {
        const ids = (svg.getAttribute('aria-labelledby') ?? '').split(' ').filter(Boolean);
        return ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '');
      }));
      expect(pictures.length, 'a visible picture').toBeGreaterThan(0);
      for (const texts of pictures) {
        expect(texts.length).toBe(2);
        for (const text of texts) expect(text.length).toBeGreaterThan(10);
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

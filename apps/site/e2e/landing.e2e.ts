import { describe, expect, it } from 'vitest';
import { results, useSiteInBrowser } from './browser.ts';

describe('the built site', () => {
  const { site, browser } = useSiteInBrowser();

  it('renders the landing page: title, tagline, chapters and the MP picture', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const response = await page.goto(`${site.url}/`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Barrier Lab');
    expect(await page.locator('.chapter-list li').count()).toBe(14);
    expect(await page.locator('figure.mp-figure svg').isVisible()).toBe(true);
    await page.screenshot({ path: `${results}/landing.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows every internal link on the landing page to a real page', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/`);
    const hrefs = await page.locator('a[href^="/"]').evaluateAll((links) =>
      [...new Set(links.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''))],
    );
    expect(hrefs).toContain('/course/how-to-use/');
    for (const href of hrefs) {
      const response = await page.goto(`${site.url}${href}`);
      expect(response?.status(), href).toBe(200);
    }
    await page.close();
  });

  it('answers a mistyped address with a page that leads back into the course', async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(`${site.url}/course/02-mesage-passing/`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Page not found');
    await page.setViewportSize({ width: 390, height: 844 });
    const back = page.getByRole('link', { name: 'Go to the start of the course' });
    expect(await back.isVisible()).toBe(true);
    await page.screenshot({ path: `${results}/not-found-phone.png` });
    await back.click();
    await page.waitForURL(`${site.url}/`);
    expect(await page.locator('.chapter-list li').count()).toBe(14);
    await page.close();
  });

  it('takes an address cut back to /course/ to the list of chapters', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/course/`);
    await page.waitForURL(`${site.url}/#the-chapters`);
    expect(await page.locator('.chapter-list li').count()).toBe(14);
    expect(await page.getByRole('heading', { name: 'The chapters' }).isVisible()).toBe(true);
    await page.close();
  });

  it('takes a learner from the hero button to Chapter 0', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/`);
    await page.getByRole('link', { name: 'Start with Chapter 0' }).click();
    await page.waitForURL('**/course/how-to-use/');
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Chapter 0');
    expect(await page.getByRole('heading', { name: 'Reading a verdict' }).isVisible()).toBe(true);
    await page.screenshot({ path: `${results}/chapter-0.png` });
    await page.close();
  });
});

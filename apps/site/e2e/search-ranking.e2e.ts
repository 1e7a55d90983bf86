// Search lands a learner on the page that teaches what they typed: the
// chapter that introduces a barrier comes first, above a later chapter that
// only uses it more often (chapter 6 writes smp_wmb() some forty times while
// pairing barriers; chapter 2 teaches it). A chapter's `teaches` front
// matter (components/site/PageTitleWithTeaches.astro) is what ranks it; the
// other queries keep their own first page. The site's search box, in the
// browser, on the built index.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSiteInBrowser } from './browser.ts';

/**
 * The first `count` pages the site's search box lists for each query, as URL
 * paths: typed into Starlight's search dialog, as a learner types it, so that
 * the ranking is the one the site configures (Starlight's `pagefind` options),
 * not Pagefind's defaults.
 */
async function ranked(page: Page, queries: readonly string[], count = 3): Promise<Record<string, string[]>> {
  await page.click('button[data-open-modal]');
  const input = page.locator('#starlight__search input');
  const out: Record<string, string[]> = {};
  for (const query of queries) {
    // An empty box clears the list, so no result of the last query is read as this one's.
    await input.fill('');
    await page.locator('.pagefind-ui__result').first().waitFor({ state: 'detached' });
    await input.fill(query);
    // The message line counts the query's results once they are listed (every
    // query here has some: while the index loads it can say none); each
    // result's title and link come once its page's data has loaded.
    const escaped = query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const message = page.locator('.pagefind-ui__message', { hasText: new RegExp(`^[1-9]\\d* results? for ${escaped}$`) });
    await message.waitFor();
    const total = Number(/\d+/.exec(await message.innerText())?.[0] ?? 0);
    // A result still loading has no link yet, so the links are read only
    // once each of the first results has its own (else a later result's
    // link would be read in its place).
    const wanted = Math.min(count, total);
    const firstLinks = await page.waitForFunction((n) => {
      const results = [...document.querySelectorAll('.pagefind-ui__results > .pagefind-ui__result')].slice(0, n);
      const links = results.map((r) => r.querySelector(':scope > .pagefind-ui__result-inner > .pagefind-ui__result-title a')?.getAttribute('href'));
      return results.length === n && links.every(Boolean) ? links : null;
    }, wanted);
    const hrefs = (await firstLinks.jsonValue()) as string[];
    out[query] = hrefs.map((href) => new URL(href, 'http://site').pathname);
  }
  return out;
}

describe('search ranking', () => {
  const { site, browser } = useSiteInBrowser({ needs: 'pagefind/pagefind.js' });

  it('a barrier\'s name finds the chapter that teaches it first', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/`);
    const found = await ranked(page, ['smp_wmb', 'smp_wmb()', 'smp_rmb', 'smp_load_acquire', 'smp_store_release', 'smp_mb', 'smp_mb()', 'READ_ONCE', 'WRITE_ONCE']);
    expect(found['smp_wmb']![0]).toBe('/course/02-message-passing/');
    expect(found['smp_wmb()']![0]).toBe('/course/02-message-passing/');
    expect(found['smp_rmb']![0]).toBe('/course/02-message-passing/');
    expect(found['smp_load_acquire']![0]).toBe('/course/02-message-passing/');
    expect(found['smp_store_release']![0]).toBe('/course/02-message-passing/');
    // smp_mb is also the start of smp_mb__after_atomic(), which chapters 5
    // and 13 write often; chapter 3 teaches smp_mb() and comes first.
    expect(found['smp_mb']![0]).toBe('/course/03-store-buffering/');
    expect(found['smp_mb()']![0]).toBe('/course/03-store-buffering/');
    // Nearly every chapter writes READ_ONCE(); chapter 2 teaches it.
    expect(found['READ_ONCE']![0]).toBe('/course/02-message-passing/');
    expect(found['WRITE_ONCE']![0]).toBe('/course/02-message-passing/');
    // The chapter that uses smp_wmb() most is still found, right behind.
    expect(found['smp_wmb']).toContain('/course/06-pairing/');
    await page.close();
  });

  it('other queries keep the page that teaches them first', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/`);
    const found = await ranked(page, ['store buffer', 'TLB', 'RCU', 'GUP-fast', 'grace period', 'running ahead', 'smp_mb__after_atomic', 'pairing', 'PageAnonExclusive', 'try_grab_folio', 'local_irq_save', 'page_try_share_anon_rmap']);
    expect(found['store buffer']![0]).toBe('/course/03-store-buffering/');
    expect(found['TLB']![0]).toBe('/course/08-tlbs/');
    expect(found['RCU']![0]).toBe('/course/10-rcu/');
    expect(found['GUP-fast']![0]).toBe('/course/09-gup-fast/');
    expect(found['grace period']![0]).toBe('/course/10-rcu/');
    expect(found['running ahead']![0]).toBe('/course/02-message-passing/');
    expect(found['smp_mb__after_atomic']![0]).toBe('/course/05-atomics/');
    expect(found['PageAnonExclusive']![0]).toBe('/course/07-pages-and-pins/');
    expect(found['try_grab_folio']![0]).toBe('/course/07-pages-and-pins/');
    expect(found['local_irq_save']![0]).toBe('/course/09-gup-fast/');
    expect(found['page_try_share_anon_rmap']![0]).toBe('/course/11-patch-ksm/');
    expect(found['pairing']![0]).toBe('/course/06-pairing/');
    await page.close();
  });
});

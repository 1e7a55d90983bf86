// Search lands a learner on the page that teaches what they typed: the
// chapter that introduces a barrier comes first, above a later chapter that
// only uses it more often (chapter 6 writes smp_wmb() some forty times while
// pairing barriers; chapter 2 teaches it). A chapter's `teaches` front
// matter (components/site/PageTitleWithTeaches.astro) is what ranks it; the
// other queries keep their own first page. Pagefind's own search, in the
// browser, on the built index.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSiteInBrowser } from './browser.ts';

/**
 * The first `count` pages Pagefind ranks for each query, as URL paths. (The
 * script is text: Vite would rewrite an `import()` written in this file.)
 */
function ranked(page: Page, queries: readonly string[], count = 3): Promise<Record<string, string[]>> {
  return page.evaluate(`(async () => {
    const pagefind = await import(location.origin + '/pagefind/pagefind.js');
    await pagefind.init();
    const out = {};
    for (const query of ${JSON.stringify(queries)}) {
      const { results } = await pagefind.search(query);
      out[query] = await Promise.all(results.slice(0, ${count}).map(async (r) => new URL((await r.data()).url, location.origin).pathname));
    }
    return out;
  })()`);
}

describe('search ranking', () => {
  const { site, browser } = useSiteInBrowser({ needs: 'pagefind/pagefind.js' });

  it('a barrier\'s name finds the chapter that teaches it first', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/`);
    const found = await ranked(page, ['smp_wmb', 'smp_wmb()', 'smp_rmb', 'smp_load_acquire', 'smp_store_release']);
    expect(found['smp_wmb']![0]).toBe('/course/02-message-passing/');
    expect(found['smp_wmb()']![0]).toBe('/course/02-message-passing/');
    expect(found['smp_rmb']![0]).toBe('/course/02-message-passing/');
    expect(found['smp_load_acquire']![0]).toBe('/course/02-message-passing/');
    expect(found['smp_store_release']![0]).toBe('/course/02-message-passing/');
    // The chapter that uses smp_wmb() most is still found, right behind.
    expect(found['smp_wmb']).toContain('/course/06-pairing/');
    await page.close();
  });

  it('other queries keep the page that teaches them first', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/`);
    const found = await ranked(page, ['store buffer', 'TLB', 'RCU', 'GUP-fast', 'grace period', 'running ahead', 'smp_mb__after_atomic', 'pairing']);
    expect(found['store buffer']![0]).toBe('/course/03-store-buffering/');
    expect(found['TLB']![0]).toBe('/course/08-tlbs/');
    expect(found['RCU']![0]).toBe('/course/10-rcu/');
    expect(found['GUP-fast']![0]).toBe('/course/09-gup-fast/');
    expect(found['grace period']![0]).toBe('/course/10-rcu/');
    expect(found['running ahead']![0]).toBe('/course/02-message-passing/');
    expect(found['smp_mb__after_atomic']![0]).toBe('/course/05-atomics/');
    expect(found['pairing']![0]).toBe('/course/06-pairing/');
    await page.close();
  });
});

// What a beginner needs to read the course's pictures: the workbench's
// execution graph says what its labels' letters and bracketed words mean
// (`W[once]`, `F[mb]`, `R[acquire]`), and a swim-lane figure's "Initially"
// line stays clear of the lanes at 1280 and 390 px, light and dark.
// Screenshots in e2e-results/.
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { results, useSiteInBrowser } from './browser.ts';
import { checkNow, openExercise, screenshotSection } from './workbench-driver.ts';

/** Every "Initially" line of a drawn lanes picture that crosses a lane, a lane's label or a box, in words. */
function initiallyClashes(svg: Locator): Promise<string[]> {
  return svg.evaluate((el) => {
    const clashes: string[] = [];
    const box = (n: Element) => (n as SVGGraphicsElement).getBBox();
    const meet = (a: DOMRect, b: DOMRect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const others = [
      ...[...el.querySelectorAll('rect.lane')].map((n, i) => ({ what: `CPU ${i}'s lane`, at: box(n) })),
      ...[...el.querySelectorAll('text.lane-label, text.lane-role, .legend text, g.box rect')].map((n) => ({ what: n.textContent || 'a box', at: box(n) })),
    ];
    for (const line of el.querySelectorAll('text.initially')) {
      const at = box(line);
      for (const other of others) if (meet(at, other.at)) clashes.push(`"${line.textContent}" meets ${other.what}`);
    }
    return clashes;
  });
}

describe('reading the pictures', () => {
  const { site, browser } = useSiteInBrowser();

  it('the execution graph\'s caption says what each letter and bracketed word of its boxes means', async () => {
    const page = await browser.context.newPage();
    const section = await openExercise(page, site.url, 'mp-wmb-rmb');
    const result = await checkNow(section);
    expect(result.status).toBe('incorrect');
    const graph = section.locator('.wb-graph');
    const labels = await graph.locator('g.event').evaluateAll((nodes) => nodes.map((n) => n.querySelector('text')?.textContent ?? ''));
    const bracketed = [...new Set(labels.flatMap((l) => /^[A-Z]+\[([^\]]+)\]/.exec(l)?.[1]?.split(',') ?? []))];
    expect(bracketed).toContain('once');
    const caption = await graph.locator('figcaption').innerText();
    expect(caption).toMatch(/R a read/);
    expect(caption).toMatch(/W a write/);
    for (const word of bracketed) expect(caption, word).toMatch(new RegExp(`\\[${word}\\] is \\S`));
    expect(caption).toMatch(/\[once\] is READ_ONCE\(\), WRITE_ONCE\(\)/);
    await screenshotSection(page, graph, `${results}/graph-caption-legend.png`);
    await page.close();
  });

  it('chapter 6\'s execution graph figure says what its labels mean too', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/course/06-pairing/`);
    const figure = page.locator('main .execution-graph').first();
    const legend = await figure.locator('.graph-legend').innerText();
    expect(legend).toMatch(/R a read, W a write/);
    expect(legend).toMatch(/\[once\] is READ_ONCE\(\), WRITE_ONCE\(\)/);
    await page.close();
  });

  it('chapter 13\'s lanes at 1280 and 390 px, light and dark: "Initially" crosses no lane, label or box', async () => {
    const page = await browser.context.newPage();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${site.url}/course/13-patch-migration/`);
        await page.evaluate((t) => { document.documentElement.dataset.theme = t; }, theme);
        const figure = page.locator('figure[data-figure="lanes"]').filter({ hasText: 'try_to_unmap_one()' }).first();
        const svg = figure.locator(width === 390 ? 'svg.narrow' : 'svg.wide');
        expect(await svg.isVisible()).toBe(true);
        expect(await svg.locator('text.initially').allTextContents()).not.toEqual([]);
        expect(await initiallyClashes(svg), `${width} px`).toEqual([]);
        await screenshotSection(page, figure, `${results}/chapter-13-lanes-${width}-${theme}.png`);
      }
    }
    await page.close();
  });

  it('every chapter\'s lanes at 390 px: "Initially" crosses no lane, label or box', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 900 });
    const chapters = ['02-message-passing', '07-pages-and-pins', '08-tlbs', '09-gup-fast', '10-rcu', '11-patch-ksm', '12-patch-no-pte-change', '13-patch-migration', '14-capstone'];
    let drawn = 0;
    for (const chapter of chapters) {
      await page.goto(`${site.url}/course/${chapter}/`);
      for (const svg of await page.locator('figure[data-figure="lanes"] svg.narrow').all()) {
        drawn++;
        expect(await initiallyClashes(svg), chapter).toEqual([]);
      }
    }
    expect(drawn).toBeGreaterThan(5);
    await page.close();
  });
});

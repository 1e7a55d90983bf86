// Code the page shows as text, read on a phone (390 px) with JavaScript off:
// each exercise's code (what the editor replaces once it loads), the
// playground's example, and the chapters' code blocks. Kernel C has long
// lines; wrapped, a line's later rows hang under its own indent, as the
// editor draws them, never back at column 0 where they would read as lines
// of their own. Selected and copied, the code is the source, tabs and all.
// Screenshots in e2e-results/.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { courseOutline, exercise, exercises } from '@barrier-lab/exercises';
import { chapterPath } from '../src/lib/course-links.ts';
import { results, useSiteInBrowser } from './browser.ts';
import { copiedText, linesBackAtTheirStart, wrappedLines } from './wrapped-rows.ts';

const phone = { width: 390, height: 844 };

/** The code an exercise shows before its editor loads: its starter, or a prediction's program. */
function shownCode(id: string): string {
  const e = exercise(id);
  if (!e) throw new Error(`the page shows an exercise ${id} the course does not have`);
  return (e.kind === 'predict' ? e.program.source : e.starter.source).replace(/\n+$/, '');
}

describe('code shown as text on a phone, with JavaScript off', () => {
  const { site, browser } = useSiteInBrowser();

  /** A new page at phone width whose scripts never run. */
  async function pageWithoutJavaScript(): Promise<Page> {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await page.setViewportSize(phone);
    return page;
  }

  it('every exercise\'s code: a long line\'s later rows hang right of its first character, never back at column 0; copied, it is the source', async () => {
    const page = await pageWithoutJavaScript();
    const seen: string[] = [];
    const notTheSource: string[] = [];
    const back: string[] = [];
    let wrapped = 0;
    for (const chapter of courseOutline) {
      await page.goto(`${site.url}${chapterPath(chapter)}`);
      for (const section of await page.locator('section[data-exercise-id]').all()) {
        const id = (await section.getAttribute('data-exercise-id'))!;
        seen.push(id);
        const code = section.locator('pre.exercise-code');
        const source = shownCode(id);
        if ((await copiedText(code)).replace(/\n+$/, '') !== source) notTheSource.push(id);
        const lines = await wrappedLines(code, source.split('\n'));
        wrapped += lines.length;
        back.push(...linesBackAtTheirStart(lines).map((line) => `${id}: ${line}`));
        if (id === 'gup-must-unshare-find-the-bug') {
          await code.evaluate((el) => el.scrollIntoView({ block: 'start' }));
          await page.screenshot({ path: `${results}/static-code-on-a-phone-exercise.png` });
        }
      }
      // No script ran: nothing replaced the code by an editor.
      expect(await page.locator('.wb').count(), chapterPath(chapter)).toBe(0);
    }
    expect(seen.sort()).toEqual(exercises().map((e) => e.id).sort());
    expect(notTheSource, 'exercises whose code, copied, is not the source').toEqual([]);
    expect(wrapped, 'lines that wrap at 390 px').toBeGreaterThanOrEqual(20);
    expect(back, 'lines whose later rows start at or left of their first character').toEqual([]);
    await page.close();
  });

  it('the embed route and the playground\'s example wrap the same way', async () => {
    const page = await pageWithoutJavaScript();
    await page.goto(`${site.url}/embed/gup-must-unshare-find-the-bug/`);
    const embedded = page.locator('pre.exercise-code');
    const source = shownCode('gup-must-unshare-find-the-bug');
    expect((await copiedText(embedded)).replace(/\n+$/, '')).toBe(source);
    const embeddedLines = await wrappedLines(embedded, source.split('\n'));
    expect(embeddedLines.length).toBeGreaterThan(0);
    expect(linesBackAtTheirStart(embeddedLines)).toEqual([]);

    await page.goto(`${site.url}/playground/`);
    const example = page.locator('.pg-nojs pre');
    const text = (await copiedText(example)).replace(/\n+$/, '');
    expect(text).toMatch(/^C /);
    const exampleLines = await wrappedLines(example, text.split('\n'));
    expect(linesBackAtTheirStart(exampleLines)).toEqual([]);
    // Wrapped, not scrolled sideways.
    expect(await example.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    await page.close();
  });

  it('the chapters\' code blocks: wrapped lines hang under their indent too', async () => {
    const page = await pageWithoutJavaScript();
    const back: string[] = [];
    let wrapped = 0;
    for (const chapter of courseOutline) {
      await page.goto(`${site.url}${chapterPath(chapter)}`);
      for (const block of await page.locator('main .expressive-code pre.wrap').all()) {
        const lines = await block.locator('.ec-line').evaluateAll((rows) => rows.map((row) => row.textContent ?? ''));
        const drawn = await wrappedLines(block, lines);
        wrapped += drawn.length;
        back.push(...linesBackAtTheirStart(drawn).map((line) => `${chapterPath(chapter)}: ${line}`));
      }
    }
    expect(wrapped, 'lines that wrap at 390 px').toBeGreaterThanOrEqual(5);
    expect(back, 'lines whose later rows start at or left of their first character').toEqual([]);
    await page.close();
  });
});

// The exercise editor on a phone (390 px), as a learner reads the kernel's
// code in it: the long names (page_try_share_anon_rmap(), gup_must_unshare(),
// PageAnonExclusive(flags)) stay whole on a row, in every exercise, because a
// narrow editor packs its text tighter (13 px, tabs of two columns, a slimmer
// gutter); a desktop keeps 14 px and tabs of four, and a window that changes
// width switches between the two. The reference solution, shown as text,
// wraps the same way: a long line's later rows hang under its own indent.
// Screenshots in e2e-results/.
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { exercise, exercises } from '@barrier-lab/exercises';
import { results, useSiteInBrowser } from './browser.ts';
import { editorRows, openExercise, workbenchSource } from './workbench-driver.ts';
import { copiedText, linesBackAtTheirStart, wrappedLines } from './wrapped-rows.ts';

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };

/** The places where the editor of `section` ends a row inside a name: the row's end and the next row's start. */
async function namesCut(section: Locator): Promise<string[]> {
  const rows = await editorRows(section);
  const cut: string[] = [];
  for (let i = 1; i < rows.length; i++) {
    const [above, row] = [rows[i - 1]!, rows[i]!];
    if (row.starts) continue;
    const end = /\w+$/.exec(above.text)?.[0];
    const start = /^\s*(\w+)/.exec(row.text)?.[1];
    if (end && start) cut.push(`${end}|${start}`);
  }
  return cut;
}

/** The editor's text size (px), and how many columns one tab takes (the first line indented by one tab, as drawn); `code` is the editor's text. */
async function editorText(section: Locator, code?: string): Promise<{ fontSize: number; tabColumns: number }> {
  const lines = (await editorRows(section)).filter((r) => r.starts);
  const source = (code ?? (await workbenchSource(section))).split('\n');
  const column0 = Math.min(...lines.filter((r) => !r.indented && r.left !== undefined).map((r) => r.left!));
  const oneTab = lines[source.findIndex((l) => /^\t\S/.test(l))];
  if (oneTab?.left === undefined) throw new Error('no line indented by one tab is drawn');
  const indent = oneTab.left - column0;
  // Read in one call from the editor itself: Monaco redraws its rows (a locator resolved
  // to a row can be a detached one by the time it is read).
  const { fontSize, charWidth } = await section.locator('.wb-editor').evaluate((editor) => {
    const line = editor.querySelector('.view-lines .view-line')!;
    const text = [...line.querySelectorAll('span')].map((s) => s.firstChild).find((n) => n?.nodeType === Node.TEXT_NODE && /\S/.test(n.textContent ?? ''))!;
    const at = text.textContent!.search(/\S/);
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + 1);
    return { fontSize: parseFloat(getComputedStyle(line).fontSize), charWidth: range.getBoundingClientRect().width };
  });
  return { fontSize, tabColumns: Math.round(indent / charWidth) };
}

/**
 * `measure`'s reading once the editor has settled: the same twice in a row, 100 ms
 * apart (a loaded machine can still be laying the editor out when it reports ready).
 * After 5 s of change, the last reading, whatever it is.
 */
async function settled<T>(measure: () => Promise<T>): Promise<T> {
  let last = await measure();
  for (const end = Date.now() + 5_000; Date.now() < end;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await measure();
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  return last;
}

describe('the exercise editor on a phone', () => {
  const { site, browser } = useSiteInBrowser();

  it('in every exercise at 390 px, no row ends inside a name, and the text is 13 px', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(phone);
    const cut: string[] = [];
    const text: Record<string, { fontSize: number; tabColumns: number }> = {};
    for (const e of exercises()) {
      const section = await openExercise(page, site.url, e.id);
      // A prediction's editor shows the exercise's program (the workbench's source is the prediction).
      text[e.id] = await settled(() => editorText(section, e.kind === 'predict' ? e.program.source : undefined));
      cut.push(...(await settled(() => namesCut(section))).map((c) => `${e.id}: ${c}`));
      if (e.id === 'gup-must-unshare-find-the-bug') {
        await section.locator('.wb-editor .view-line', { hasText: 'page_try_share_anon_rmap' }).first().evaluate((row) => row.scrollIntoView({ block: 'center' }));
        await page.screenshot({ path: `${results}/editor-on-a-phone-find-the-bug.png` });
      }
    }
    expect(cut).toEqual([]);
    for (const [id, drawn] of Object.entries(text)) expect(drawn, id).toEqual({ fontSize: 13, tabColumns: 2 });
    await page.close();
    // Thirty exercise pages opened and measured: minutes on a loaded machine.
  }, 360_000);

  it('on a desktop the editor keeps 14 px and tabs of four; narrowed to a phone it switches, and back', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(desktop);
    const section = await openExercise(page, site.url, 'gup-must-unshare-find-the-bug');
    expect(await editorText(section)).toEqual({ fontSize: 14, tabColumns: 4 });
    await page.setViewportSize(phone);
    await expect.poll(() => editorText(section)).toEqual({ fontSize: 13, tabColumns: 2 });
    await expect.poll(() => namesCut(section)).toEqual([]);
    await page.setViewportSize(desktop);
    await expect.poll(() => editorText(section)).toEqual({ fontSize: 14, tabColumns: 4 });
    await page.close();
  });

  it('the reference solution at 390 px: a long line\'s later rows hang right of its first character, never back at column 0; its text is the source', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(phone);
    const e = exercise('gup-must-unshare-find-the-bug')!;
    const section = await openExercise(page, site.url, e.id);
    for (let i = 1; i <= 3; i++) await section.locator(`button:has-text("Show a hint (${i} of 3)")`).click();
    await section.locator('button:has-text("Show the reference solution")').click();
    const pre = section.locator('.wb-solution pre');
    // Selected and copied, it is the source.
    const source = e.solutions[0]!.source.replace(/\n+$/, '');
    expect((await copiedText(pre)).replace(/\n+$/, '')).toBe(source);
    // Each source line: where its first non-blank character is drawn, and where each later row of it starts.
    const wrapped = await wrappedLines(pre, source.split('\n'));
    expect(wrapped.length, 'lines that wrap at 390 px').toBeGreaterThanOrEqual(5);
    expect(linesBackAtTheirStart(wrapped), 'lines whose later rows start at or left of their first character').toEqual([]);
    await pre.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${results}/editor-on-a-phone-solution.png` });
    await page.close();
  });
});

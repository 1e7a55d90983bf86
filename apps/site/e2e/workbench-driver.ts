// Driving the exercise workbench as a learner does: open the exercise's
// chapter page, wait for the workbench, type into the editor, press Check,
// read the result. Every helper goes through the page (mouse, keyboard, DOM);
// reading `element.workbench.source` only confirms what the typing produced.
import type { Locator, Page } from 'playwright-core';
import { courseOutline, exercise } from '@barrier-lab/exercises';
import { chapterPath } from '../src/lib/course-links.ts';
import { editorTakesKeys, whereTheFocusIs } from './editor-focus.ts';

/** The path of the chapter page that embeds exercise `id`. */
export function exercisePagePath(id: string): string {
  const found = exercise(id);
  if (!found) throw new Error(`no exercise ${id}`);
  const chapter = courseOutline.find((c) => c.number === found.chapter);
  if (!chapter) throw new Error(`exercise ${id}: no chapter ${found.chapter} in the outline`);
  return chapterPath(chapter);
}

/** Opens the chapter page of exercise `id` and waits for its workbench; returns the exercise's section. */
export async function openExercise(page: Page, siteUrl: string, id: string): Promise<Locator> {
  const response = await page.goto(`${siteUrl}${exercisePagePath(id)}`);
  if (response?.status() !== 200) throw new Error(`${exercisePagePath(id)} answered ${response?.status()}`);
  const section = page.locator(`[data-exercise-id="${id}"]`);
  await section.scrollIntoViewIfNeeded();
  await page.waitForSelector(`[data-exercise-id="${id}"][data-workbench="ready"]`, { timeout: 60_000 });
  return section;
}

/** What the workbench would check now (the editor's text, or the prediction). */
export function workbenchSource(section: Locator): Promise<string> {
  return section.evaluate((el) => (el as HTMLElement & { workbench?: { source: string } }).workbench?.source ?? '');
}

/**
 * Replaces the editor's whole text by `text` as a learner pasting it: the
 * text goes on the clipboard, then select all and Ctrl+V in the editor.
 * (Typing it instead would run Monaco's auto-indent and auto-close.)
 */
export async function pasteIntoEditor(page: Page, section: Locator, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  const host = await section.elementHandle();
  const holds = () => page.waitForFunction(
    ([el, expected]) => (el as HTMLElement & { workbench?: { source: string } }).workbench?.source === expected,
    [host, text] as const,
    { timeout: 5_000 },
  ).then(() => true, () => false);
  // On a loaded machine a click or a key can reach the page before the editor has taken
  // the focus; the learner would simply click and paste again, and so does this.
  let problem = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    // The test's page in front (earlier tests' pages share the browser), and the text on the
    // clipboard again at every attempt: a paste reaches only the focused page.
    await page.bringToFront();
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    // Click into line 1 (never under a hover or a widget), and make sure the editor has the focus.
    const first = await editorLineBox(section, 1);
    const lines = await section.locator('.wb-editor .view-lines').boundingBox();
    const at = { x: lines!.x + 8, y: first.y + first.height / 2 };
    await page.mouse.click(at.x, at.y);
    const editor = section.locator('.wb-editor');
    if (!(await editorTakesKeys(editor))) {
      problem = `a click on line 1 did not give the editor the keyboard (${await whereTheFocusIs(editor)}; the click landed on ${await page.evaluate(({ x, y }) => {
        const hit = document.elementFromPoint(x, y);
        return hit ? `${hit.tagName.toLowerCase()}.${hit.className}` : 'nothing';
      }, at)})`;
      continue;
    }
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('ControlOrMeta+V');
    if (await holds()) return;
    problem = `the pasted text did not arrive (${await whereTheFocusIs(editor)})`;
  }
  const refusal = await section.locator('.wb-refusal').innerText();
  throw new Error(`the editor does not hold the pasted text: ${problem}${refusal ? ` (${refusal})` : ''}; it holds:\n${await workbenchSource(section)}`);
}

/** The result of a check as the page shows it. */
export interface ShownResult {
  readonly status: string;
  readonly text: string;
  readonly ms: number;
}

/** Presses Check (or runs `trigger`) and waits for the next result in the role="status" element. */
export async function checkNow(section: Locator, trigger?: () => Promise<void>): Promise<ShownResult> {
  const status = section.locator('[role="status"].wb-result');
  const before = Number((await status.getAttribute('data-checks')) ?? 0);
  if (trigger) await trigger();
  else await section.locator('button.wb-check').click();
  await section.page().waitForFunction(
    ([el, n]) => Number((el as HTMLElement).dataset.checks ?? 0) > n,
    [await status.elementHandle(), before] as const,
    { timeout: 60_000 },
  );
  return {
    status: (await status.getAttribute('data-status')) ?? '',
    text: await status.innerText(),
    ms: Number(await status.getAttribute('data-check-ms')),
  };
}

/** Chooses `answers` in a predict exercise's form, by clicking the labels. */
export async function answerPrediction(section: Locator, answers: Readonly<Record<string, string>>): Promise<void> {
  for (const [model, outcome] of Object.entries(answers)) {
    await section.locator(`fieldset.wb-predict-model:has(legend:text-matches("^${model}:")) label:has-text("${outcome}")`).click();
  }
}

/** Reads the prediction lines of an answer file (`lkmm: Sometimes`, or one word for every model). */
export function predictionAnswers(text: string, models: readonly string[]): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const line of text.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean)) {
    const m = /^(?:(\w+)\s*:\s*)?(\w+)$/.exec(line);
    if (!m) continue;
    const word = m[2]!.charAt(0).toUpperCase() + m[2]!.slice(1).toLowerCase();
    for (const model of m[1] ? [m[1]] : models) answers[model] = word;
  }
  return answers;
}

/** The box of line `line`'s number in the editor's gutter, scrolled into view (the editor grows with its text, so every line is drawn). */
export async function editorLineBox(section: Locator, line: number): Promise<{ x: number; y: number; width: number; height: number }> {
  const number = section.locator('.wb-editor .line-numbers').filter({ hasText: new RegExp(`^${line}$`) });
  // To the middle of the window: at its top edge Starlight's fixed header would cover the line.
  await number.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = await number.boundingBox();
  if (!box) throw new Error(`line ${line} is not drawn in the editor`);
  return box;
}

/** One row the editor draws: a line, or a part of one that wraps. */
export interface EditorRow {
  /** Its top in the editor (px). */
  readonly top: number;
  /** It begins a line (a line number is drawn beside it); otherwise it continues the row above. */
  readonly starts: boolean;
  /** Its text begins with blanks. */
  readonly indented: boolean;
  /** Where its first non-blank character is drawn (viewport px), if it has one. */
  readonly left: number | undefined;
  /** Its text, blanks as spaces. */
  readonly text: string;
}

/** The rows the editor of `section` draws, top to bottom (it grows with its text, so all are drawn). */
export function editorRows(section: Locator): Promise<EditorRow[]> {
  return section.locator('.wb-editor').evaluate((editor) => {
    const numbered = new Set([...editor.querySelectorAll('.margin-view-overlays > div')]
      .filter((d) => /\d/.test(d.textContent ?? '')).map((d) => parseFloat((d as HTMLElement).style.top)));
    return [...editor.querySelectorAll('.view-lines .view-line')].map((row) => {
      const top = parseFloat((row as HTMLElement).style.top);
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      let left: number | undefined;
      for (let node = walker.nextNode(); node && left === undefined; node = walker.nextNode()) {
        const at = (node.textContent ?? '').search(/[^\s\u00a0]/);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        left = range.getBoundingClientRect().left;
      }
      const text = (row.textContent ?? '').replace(/\u00a0/g, ' ');
      return { top, starts: numbered.has(top), indented: /^\s/.test(text), left, text };
    }).sort((a, b) => a.top - b.top);
  });
}

/** Puts the cursor at the end of line `line` of the editor: a click on the line, then End. */
export async function clickEndOfLine(section: Locator, line: number): Promise<void> {
  const page = section.page();
  const gutter = await editorLineBox(section, line);
  const text = await section.locator('.wb-editor .view-lines').boundingBox();
  await page.mouse.click(text!.x + 8, gutter.y + gutter.height / 2);
  const editor = section.locator('.wb-editor');
  if (!(await editorTakesKeys(editor, 5_000))) throw new Error(`a click on line ${line} did not give the editor the keyboard: ${await whereTheFocusIs(editor)}`);
  await page.keyboard.press('End');
}

/** The editor lines highlighted from elsewhere (the graph, the lanes, the stepper). */
export async function linkedEditorLines(section: Locator): Promise<number[]> {
  const marks = await section.locator('.wb-editor .wb-linked-gutter').all();
  const lines: number[] = [];
  const numbers = await section.locator('.wb-editor .line-numbers').all();
  const tops = await Promise.all(numbers.map(async (n) => ({ line: Number(await n.innerText()), y: (await n.boundingBox())?.y ?? -1 })));
  for (const mark of marks) {
    const y = (await mark.boundingBox())?.y ?? -100;
    const match = tops.find((t) => Math.abs(t.y - y) < 3);
    if (match) lines.push(match.line);
  }
  return lines.sort((a, b) => a - b);
}

/** Waits until `section`'s refusal message (an undone edit on a locked line) is shown, and returns it. */
export async function refusalMessage(section: Locator): Promise<string> {
  const refusal = section.locator('.wb-refusal');
  await refusal.filter({ hasText: /locked/ }).waitFor({ timeout: 5_000 });
  return refusal.innerText();
}

/**
 * Saves a picture of `section` alone, taken from the whole page scrolled to
 * its top (so Starlight's fixed header is not drawn over the section).
 */
export async function screenshotSection(page: Page, section: Locator, path: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await section.boundingBox();
  if (!box) throw new Error('the section is not drawn');
  const scroll = await page.evaluate(() => window.scrollY);
  await page.screenshot({ path, fullPage: true, clip: { x: box.x, y: box.y + scroll, width: box.width, height: box.height } });
}

/**
 * Shows the hints, then the reference solution, puts it in the editor and
 * checks it (a learner who gave up and then solved it), in `scope`: an
 * exercise's element, or the frame of an embed.
 */
export async function solveWithTheSolution(scope: { locator(selector: string): Locator }): Promise<void> {
  for (let i = 1; i <= 3; i++) await scope.locator(`button:has-text("Show a hint (${i} of 3)")`).click();
  await scope.locator('button:has-text("Show the reference solution")').click();
  await scope.locator('button:has-text("Put this solution in the editor")').click();
  await scope.locator('button.wb-check').click();
  await scope.locator('.wb-result[data-status="correct"]').waitFor({ timeout: 60_000 });
}

// One exercise of each kind, in depth, as a learner uses it: a wrong answer
// and its counterexample (swim lanes, the graph linked to the editor, Play it
// to the end and back), the hints up to the solution, the answer kept across
// a reload; screenshots of each kind in light, dark and phone width
// (apps/site/e2e-results/).
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { exercise, hintSteps, type Exercise } from '@barrier-lab/exercises';
import { results, useSiteInBrowser } from './browser.ts';
import {
  answerPrediction, checkNow, clickEndOfLine, editorLineBox, editorRows, linkedEditorLines, openExercise, pasteIntoEditor, predictionAnswers, refusalMessage,
  screenshotSection, workbenchSource,
} from './workbench-driver.ts';

const kinds = [
  { kind: 'place-barriers', id: 'mp-wmb-rmb', wrong: 'wrong-only-wmb.litmus' },
  { kind: 'find-the-bug', id: 'gup-must-unshare-find-the-bug', wrong: 'wrong-after-restore.litmus' },
  { kind: 'remove-unneeded', id: 'unmap-drop-the-flush', wrong: 'wrong-no-gup-barrier.litmus' },
  { kind: 'predict', id: 'sb-which-models', wrong: 'wrong-all-never.txt' },
] as const;

/** Puts `source` in as the learner would: pasted into the editor, or chosen in the prediction form. */
async function enter(page: Page, section: Locator, e: Exercise, source: string): Promise<void> {
  if (e.kind === 'predict') await answerPrediction(section, predictionAnswers(source, e.models));
  else await pasteIntoEditor(page, section, source);
}

describe('the workbench, one exercise of each kind', () => {
  const { site, browser } = useSiteInBrowser();

  for (const { kind, id, wrong } of kinds) {
    const e = exercise(id)!;
    const wrongSource = e.wrong.find((w) => w.file === wrong)!.source;

    it(`${kind} (${id}): a wrong answer's counterexample as lanes and a graph linked to the code, played to the end with Play it, and undone`, async () => {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const section = await openExercise(page, site.url, id);
      await enter(page, section, e, wrongSource);
      const result = await checkNow(section);
      expect(result.status, result.text).toBe('incorrect');
      expect(result.text).toMatch(/^Incorrect\./);

      // Swim lanes: one card per step, each saying its CPU and line.
      const steps = section.locator('.wb-lanes .wb-step');
      expect(await steps.count()).toBeGreaterThan(2);
      expect(await steps.first().innerText()).toMatch(/Step 1, CPU \d, line \d+/);

      // The graph: pointing at an event lights its line in the editor.
      const node = section.locator('.wb-graph g.event:not([data-line="0"])').first();
      const line = Number(await node.getAttribute('data-line'));
      await node.hover();
      expect(await linkedEditorLines(section)).toEqual([line]);
      expect(await section.locator(`.wb-step.wb-linked[data-line="${line}"]`).count()).toBeGreaterThan(0);
      // ... and pointing at that line in the editor lights its events in the graph.
      await page.mouse.move(0, 0);
      const box = await editorLineBox(section, line);
      const text = await section.locator('.wb-editor .view-lines').boundingBox();
      await page.mouse.move(text!.x + 40, box.y + box.height / 2);
      await expect.poll(() => section.locator(`.wb-graph g.event.wb-linked[data-line="${line}"]`).count()).toBeGreaterThan(0);

      // Play it: follow the counterexample to its end (a prediction wrong under two models has a block, and a Play it, for each: the first).
      await section.getByRole('button', { name: /^Play it: step through/ }).first().click();
      const player = section.locator('.wb-play');
      const status = player.locator('.wb-play-status');
      await status.filter({ hasText: /Following the counterexample: 0 of its \d+ steps/ }).waitFor();
      const total = Number(/of its (\d+) steps/.exec(await status.innerText())![1]);
      expect(total).toBeGreaterThan(2);
      const next = player.getByRole('button', { name: 'Next step of the counterexample' });
      for (let i = 1; i <= total; i++) {
        await next.click();
        await status.filter({ hasText: new RegExp(`Following the counterexample: ${i} of its ${total} steps`) }).waitFor();
        if (i === Math.ceil(total / 2)) await screenshotSection(page, section, `${results}/workbench-${kind}-play-midway.png`);
      }
      expect(await status.innerText()).toMatch(/Finished: .*the outcome the exercise asks about happened/);
      expect(await next.isDisabled()).toBe(true);
      expect(await player.locator('.wb-play-taken li').count()).toBe(total);
      await screenshotSection(page, section, `${results}/workbench-${kind}-counterexample.png`);

      // Undo takes back the last step; a step of the learner's own leaves the counterexample; Reset goes back.
      await player.getByRole('button', { name: 'Undo' }).click();
      await status.filter({ hasText: new RegExp(`Following the counterexample: ${total - 1} of its ${total} steps`) }).waitFor();
      expect(await status.innerText()).not.toMatch(/Finished/);
      expect(await player.locator('.wb-play-taken li').count()).toBe(total - 1);
      await player.getByRole('button', { name: 'Reset' }).click();
      await status.filter({ hasText: /Following the counterexample: 0 of its/ }).waitFor();
      const options = player.locator('button.wb-option');
      expect(await options.count()).toBeGreaterThan(0);
      const last = options.last();
      const lastIsAhead = (await last.getAttribute('class'))?.includes('wb-option-ahead');
      await last.click();
      await player.locator('.wb-play-taken li').first().waitFor();
      if (lastIsAhead) expect(await player.locator('.wb-taken-ahead').count()).toBe(1);
      expect(errors).toEqual([]);
      await page.close();
    });

    it(`${kind} (${id}): hints one at a time, then the reference solution and why; the solution solves it`, async () => {
      const page = await browser.context.newPage();
      const section = await openExercise(page, site.url, id);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await openExercise(page, site.url, id);
      if (kind === 'predict') await screenshotSection(page, section, `${results}/workbench-predict-form.png`);
      const hints = section.locator('.wb-hints');
      for (const [i, hint] of [e.hints.nudge, e.hints.concept, e.hints.line].entries()) {
        await hints.getByRole('button', { name: `Show a hint (${i + 1} of 3)` }).click();
        expect(await hints.locator('.wb-hints-list li').count()).toBe(i + 1);
        expect(await hints.locator('.wb-hints-list li').nth(i).innerText()).toContain(hint.slice(0, 40));
      }
      await hints.getByRole('button', { name: 'Show the reference solution' }).click();
      const solution = hintSteps(e).at(-1)!;
      expect(solution.level).toBe('solution');
      expect((await hints.locator('.wb-solution pre').first().innerText()).trimEnd()).toBe(solution.level === 'solution' ? solution.source.trimEnd() : '');
      expect(await hints.locator('.wb-why').innerText()).toContain(e.why.slice(0, 40));
      expect(await hints.getByRole('button', { name: /Show a hint|Show the reference/ }).count()).toBe(0);
      await screenshotSection(page, section, `${results}/workbench-${kind}-hints.png`);

      // The solution shown is a correct answer: put in (the button, or the form), checked, solved.
      if (kind === 'predict') await enter(page, section, e, solution.level === 'solution' ? solution.source : '');
      else await hints.getByRole('button', { name: 'Put this solution in the editor' }).click();
      const solved = await checkNow(section);
      expect(solved.status, solved.text).toBe('correct');
      expect(await section.locator('h2 .wb-solved-badge').innerText()).toBe('Solved');
      await screenshotSection(page, section, `${results}/workbench-${kind}-solved.png`);
      await page.close();
    });

    it(`${kind} (${id}): the answer survives a reload, and looks right in dark mode and at phone width`, async () => {
      const page = await browser.context.newPage();
      let section = await openExercise(page, site.url, id);
      // A learner new to the exercise (the hints test above solved it in this browser).
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      section = await openExercise(page, site.url, id);
      await enter(page, section, e, wrongSource);
      const expected = await workbenchSource(section);
      await page.waitForTimeout(600); // the workbench saves edits after a pause
      await page.reload();
      section = await openExercise(page, site.url, id);
      expect(await workbenchSource(section)).toBe(expected);

      await checkNow(section);
      await screenshotSection(page, section, `${results}/workbench-${kind}-light.png`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.reload();
      section = await openExercise(page, site.url, id);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await checkNow(section);
      await screenshotSection(page, section, `${results}/workbench-${kind}-dark.png`);
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.reload();
      section = await openExercise(page, site.url, id);
      await checkNow(section);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'the page scrolls sideways at phone width').toBeLessThanOrEqual(0);
      await screenshotSection(page, section, `${results}/workbench-${kind}-phone.png`);
      await page.close();
    });
  }

  it('place-barriers: locked lines refuse an edit with a message; a barrier on a new line goes in by completion; markers come as you type', async () => {
    const page = await browser.context.newPage();
    const section = await openExercise(page, site.url, 'mp-wmb-rmb');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await openExercise(page, site.url, 'mp-wmb-rmb');
    const starter = await workbenchSource(section);
    expect(await section.locator('.wb-editor .wb-locked-line').count()).toBeGreaterThan(10);

    // Typing on a locked line is undone, with a message saying why.
    await clickEndOfLine(section, 11);
    await page.keyboard.type('x');
    expect(await refusalMessage(section)).toMatch(/“WRITE_ONCE\(\*msg, 1\);” is locked\. You may change only barriers: add, move or remove smp_mb\(\)/);
    expect(await workbenchSource(section)).toBe(starter);

    // A new line after it is free: completion offers the barriers with their cost.
    await clickEndOfLine(section, 11);
    await page.keyboard.press('Enter');
    await page.keyboard.type('smp_w');
    const suggestion = page.locator('.suggest-widget .monaco-list-row').filter({ hasText: 'smp_wmb' }).first();
    await suggestion.waitFor();
    expect(await suggestion.innerText()).toMatch(/cost 4/);
    await page.keyboard.press('Enter');
    await expect.poll(() => workbenchSource(section)).toContain('WRITE_ONCE(*msg, 1);\n\tsmp_wmb();\n\tWRITE_ONCE(*flag, 1);');
    expect(await section.locator('.wb-refusal').innerText()).toBe('');

    // A syntax error is marked in the editor before any Check.
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    const squiggle = section.locator('.wb-editor .squiggly-error').first();
    await squiggle.waitFor({ timeout: 10_000 });
    // Hover the mark until its message shows: under load the editor may still
    // be laying out (the box moves) when the pointer first arrives.
    const hover = page.locator('.monaco-hover').filter({ hasText: /line|expected|smp_wm/i }).first();
    for (let attempt = 1; ; attempt++) {
      const mark = (await squiggle.boundingBox())!;
      await page.mouse.move(mark.x - 30, mark.y - 30);
      await page.mouse.move(mark.x + mark.width / 2, mark.y + mark.height / 2);
      const shown = await hover.waitFor({ timeout: 5_000 }).then(() => true, () => false);
      if (shown) break;
      if (attempt === 5) throw new Error('no hover message over the syntax error after 5 tries');
    }
    expect(await section.getAttribute('data-solved')).toBeNull();
    await screenshotSection(page, section, `${results}/workbench-editing.png`);
    await page.close();
  });

  it('says the editor is loading while it downloads, with Check greyed out, then how to use it', async () => {
    const page = await browser.context.newPage();
    // Hold the editor's download until the test has looked at the page.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route(/\/_astro\/monaco-editor\.[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${site.url}/course/02-message-passing/`);
    const section = page.locator('[data-exercise-id="mp-wmb-rmb"]');
    await section.scrollIntoViewIfNeeded();
    const help = section.locator('.wb-editor-help');
    await help.waitFor();
    expect(await section.locator('button.wb-check').isDisabled()).toBe(true);
    expect(await help.innerText()).toBe('Loading the editor… Check works once it is ready.');
    release();
    await page.waitForSelector('[data-exercise-id="mp-wmb-rmb"][data-workbench="ready"]', { timeout: 60_000 });
    expect(await help.innerText()).toMatch(/^Shaded lines are locked\./);
    expect(await section.locator('button.wb-check').isDisabled()).toBe(false);
    // A prediction has no editor help once its program is shown.
    const predict = await openExercise(page, site.url, 'sb-which-models');
    expect(await predict.locator('.wb-editor-help').count()).toBe(0);
    await page.close();
  });

  it('place-barriers: a misspelt barrier is Invalid, and the result names its line and the barrier meant, as code, in one sentence', async () => {
    const page = await browser.context.newPage();
    const section = await openExercise(page, site.url, 'mp-wmb-rmb');
    // The exercise's own starter (the editor may hold what an earlier test typed), one barrier misspelt.
    const starter = (exercise('mp-wmb-rmb') as Exercise & { readonly starter: { readonly source: string } }).starter.source;
    await pasteIntoEditor(page, section, starter.replace('WRITE_ONCE(*msg, 1);', 'WRITE_ONCE(*msg, 1);\n\tsmp_wmbb();'));
    const result = await checkNow(section);
    expect(result.status).toBe('invalid');
    // One error: said once, in the result's sentence (not again as a list of one).
    const sentence = section.locator('.wb-result .wb-verdict');
    expect(await sentence.innerText()).toBe("Invalid. Line 12, column 2: unknown primitive 'smp_wmbb': did you mean smp_wmb()?");
    expect(await sentence.locator('code').allInnerTexts()).toEqual(['smp_wmb()']);
    expect(await section.locator('.wb-result .wb-details').count()).toBe(0);
    await page.close();
  });

  it('place-barriers: in Play it the learner picks the CPU and which store a read reads, a stale one included', async () => {
    const page = await browser.context.newPage();
    const section = await openExercise(page, site.url, 'mp-wmb-rmb');
    await pasteIntoEditor(page, section, exercise('mp-wmb-rmb')!.wrong.find((w) => w.file === 'wrong-only-wmb.litmus')!.source);
    expect((await checkNow(section)).status).toBe('incorrect');
    await section.getByRole('button', { name: /^Play it: step through/ }).click();
    const player = section.locator('.wb-play');
    const status = player.locator('.wb-play-status');
    await status.filter({ hasText: /^Following the counterexample: 0 of its/ }).waitFor();
    const lane = (cpu: number) => player.getByRole('group', { name: `CPU ${cpu}`, exact: true });
    const inOrder = (cpu: number) => player.getByRole('group', { name: `CPU ${cpu}: next in program order` }).getByRole('button');

    // CPU 0 runs its three statements in program order: the message, the barrier, the flag.
    for (const [i, text] of ['store msg = 1', 'a barrier', 'store flag = 1'].entries()) {
      await inOrder(0).filter({ hasText: text }).first().click();
      await lane(0).locator('.wb-play-taken li').nth(i).waitFor();
    }
    expect(await lane(0).locator('h4, h5, h6').first().innerText()).toMatch(/finished/);
    expect(await player.locator('.wb-play-memory').innerText()).toContain('flag = 1 (step 3)');

    // CPU 1's read of flag may read either store the model allows: the flag CPU 0 set, or the stale initial 0.
    // Those three steps were the counterexample's own, so its next one (reading the flag set) is marked.
    const reads = inOrder(1).filter({ hasText: 'read flag' });
    expect((await reads.allInnerTexts()).map((t) => t.replace(/^line \d+: /, '')).sort()).toEqual([
      'READ_ONCE(*flag), read flag = 0 from the initial value (stale: a newer store exists)',
      'READ_ONCE(*flag), read flag = 1 from the store of step 3 — the counterexample\'s next step',
    ]);
    expect(await status.innerText()).toMatch(/^Following the counterexample: 3 of its 5 steps/);
    await reads.filter({ hasText: 'initial value' }).click();
    await lane(1).locator('.wb-play-taken li').first().waitFor();
    expect(await lane(1).locator('.wb-play-taken li').first().innerText()).toMatch(/read flag = 0 from the initial value — stale/);
    expect(await status.innerText()).toMatch(/You left the counterexample/);
    expect(await player.locator('.wb-option-next').count(), 'off the counterexample, no step is marked as its next').toBe(0);

    // Undo takes the stale read back; the other store is then the learner's pick.
    await player.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => lane(1).locator('.wb-play-taken li').count()).toBe(0);
    expect(await status.innerText()).toMatch(/^Following the counterexample: 3 of its 5 steps/);
    await inOrder(1).filter({ hasText: 'read flag = 1 from the store of step 3' }).click();
    await lane(1).locator('.wb-play-taken li').first().waitFor();
    expect(await lane(1).locator('.wb-play-taken li').first().innerText()).toMatch(/read flag = 1 from step 3/);
    await page.close();
  });

  it('place-barriers: the model selector checks under one model as an ungraded try', async () => {
    const page = await browser.context.newPage();
    const section = await openExercise(page, site.url, 'mp-wmb-rmb');
    await pasteIntoEditor(page, section, exercise('mp-wmb-rmb')!.wrong[0]!.source);
    await section.locator('select[id$="-model"]').selectOption('tso');
    const tso = await checkNow(section);
    expect(tso.status).toBe('correct');
    expect(tso.text).toMatch(/A try under tso only: not graded/);
    expect(await section.getAttribute('data-solved')).toBeNull();
    await section.locator('select[id$="-model"]').selectOption('');
    expect((await checkNow(section)).status).toBe('incorrect');
    await page.close();
  });

  it('the sidebar marks a chapter 1/2, then ✓ 2/2, as its exercises are solved', async () => {
    const page = await browser.context.newPage();
    let section = await openExercise(page, site.url, 'mp-wmb-rmb');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    section = await openExercise(page, site.url, 'mp-wmb-rmb');
    const link = page.locator(`#starlight__sidebar a[href="${new URL(page.url()).pathname}"]`);
    expect(await link.locator('.sidebar-progress').count()).toBe(0);
    await pasteIntoEditor(page, section, exercise('mp-wmb-rmb')!.solutions[0]!.source);
    expect((await checkNow(section)).status).toBe('correct');
    await expect.poll(() => link.locator('.sidebar-progress [aria-hidden]').innerText()).toBe('1/2');
    expect(await link.locator('.sidebar-progress .sr-only').innerText()).toBe('(1 of 2 exercises solved)');
    const other = await openExercise(page, site.url, 'mp-release-acquire');
    await pasteIntoEditor(page, other, exercise('mp-release-acquire')!.solutions[0]!.source);
    expect((await checkNow(other)).status).toBe('correct');
    await expect.poll(() => link.locator('.sidebar-progress [aria-hidden]').innerText()).toBe('✓ 2/2');
    // Kept: another page's sidebar shows it too.
    await page.goto(`${site.url}/course/how-to-use/`);
    expect(await page.locator('#starlight__sidebar a[href="/course/02-message-passing/"] .sidebar-progress [aria-hidden]').innerText()).toBe('✓ 2/2');
    await page.close();
  });
  it('Play it to the end of a forall exercise\'s counterexample (rcu-freed-page-tables): it ends in the outcome the exercise asks about, the state the check named, in the kernel\'s names', async () => {
    const page = await browser.context.newPage();
    const e = exercise('rcu-freed-page-tables')!;
    const section = await openExercise(page, site.url, e.id);
    await pasteIntoEditor(page, section, e.wrong[0]!.source);
    const result = await checkNow(section);
    expect(result.status).toBe('incorrect');
    // "it breaks the property: 1:pmd=PMD_TABLE; 1:pte=PT_FREED; [ptep]=PT_FREED."
    const broken = /breaks the property: ([^\n]*)\./.exec(result.text)![1]!.split('; ');
    expect(broken.join(' ')).toContain('PT_FREED');
    await section.getByRole('button', { name: /^Play it: step through/ }).click();
    const status = section.locator('.wb-play .wb-play-status');
    await status.filter({ hasText: /Following the counterexample: 0 of its/ }).waitFor();
    await section.locator('.wb-play').getByRole('button', { name: 'Play it to the end' }).click();
    await status.filter({ hasText: /Finished/ }).waitFor();
    const finished = await status.innerText();
    expect(finished).toMatch(/Finished: .*, the outcome the exercise asks about happened\.$/);
    for (const entry of broken) expect(finished).toContain(entry);
    await page.close();
  });

  it('at phone width, a deeply indented line wraps under its own indent, never at column 0, and a word is split only when no row could hold it (screenshot)', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const section = await openExercise(page, site.url, 'gup-must-unshare-find-the-bug');
    const rows = await editorRows(section);
    const column0 = Math.min(...rows.filter((r) => r.starts && !r.indented && r.left !== undefined).map((r) => r.left!));
    let checked = 0;
    let line: (typeof rows)[number] | undefined;
    for (const row of rows) {
      if (row.starts) {
        line = row;
        continue;
      }
      if (!line?.indented || line.left === undefined || row.left === undefined) continue;
      // A wrapped row of an indented line starts right of the line's own text (one indent more), far from column 0.
      expect(row.left, `a wrapped row at ${row.top}px`).toBeGreaterThan(line.left);
      // At least a phone's tab (two columns of 13 px text) from column 0.
      expect(row.left - column0).toBeGreaterThan(14);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
    // Rows break at blanks and punctuation: where a row ends inside a word (smp_store_release,
    // unpin_user_page(refcount)), the word is longer than a row holds after its indent.
    // The widest row is as wide as a row gets: the file has names longer than a deep row.
    const columns = Math.max(...rows.map((r) => r.text.length));
    const split: string[] = [];
    for (let i = 1; i < rows.length; i++) {
      const [above, row] = [rows[i - 1]!, rows[i]!];
      if (row.starts) continue;
      const end = /\w+$/.exec(above.text)?.[0];
      const start = /^(\s*)(\w+)/.exec(row.text);
      if (!end || !start) continue;
      const word = end + start[2]!;
      if (start[1]!.length + word.length <= columns) split.push(`${above.text.trim()} | ${row.text.trim()}`);
    }
    expect(split, `rows ${columns} columns wide`).toEqual([]);
    const editor = section.locator('.wb-editor');
    // In one step: Monaco may draw its rows anew between a scroll and its check.
    await editor.locator('.view-line', { hasText: 'unpin_user_page' }).first().evaluate((row) => row.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${results}/workbench-wrapped-indent-phone.png` });
    await page.close();
  });
});

// The workbench without a mouse, and under axe-core: Tab reaches the editor,
// Check, the counterexample's Play it and its stepper, and the hints, and
// each works from the keyboard; axe finds no violation on a chapter page in
// any state of the workbench, in light and dark themes.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { exercise, type CodeExercise } from '@barrier-lab/exercises';
import { expectNoViolations } from './axe.ts';
import { useSiteInBrowser } from './browser.ts';
import { answerPrediction, checkNow, clickEndOfLine, openExercise, pasteIntoEditor, predictionAnswers, refusalMessage } from './workbench-driver.ts';

/** Presses Tab until the focused element matches `selector` (inside it counts); returns how many presses it took. */
async function tabTo(page: Page, selector: string, most = 250): Promise<number> {
  for (let presses = 1; presses <= most; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.closest(s) !== null && document.activeElement !== document.body, selector)) return presses;
  }
  throw new Error(`Tab never reached ${selector} in ${most} presses`);
}

describe('accessibility of the workbench', () => {
  const { site, browser } = useSiteInBrowser();

  it('works from the keyboard alone: Tab reaches the editor, Check, Play it and its stepper, and the hints', async () => {
    const page = await browser.context.newPage();
    const section = await openExercise(page, site.url, 'mp-wmb-rmb');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('body').focus();
    const id = '[data-exercise-id="mp-wmb-rmb"]';

    await tabTo(page, `${id} .wb-editor`);
    // In the editor: Ctrl+Enter checks the starter.
    const viaShortcut = await checkNow(section, () => page.keyboard.press('ControlOrMeta+Enter'));
    expect(viaShortcut.status).toBe('incorrect');
    // Tab leaves the editor for Check; Enter presses it.
    expect(await tabTo(page, `${id} button.wb-check`, 3)).toBeLessThanOrEqual(3);
    const viaButton = await checkNow(section, () => page.keyboard.press('Enter'));
    expect(viaButton.status).toBe('incorrect');

    await tabTo(page, `${id} .wb-play-button`, 20);
    await page.keyboard.press('Enter');
    const next = section.getByRole('button', { name: 'Next step of the counterexample' });
    await next.waitFor();
    // Play it takes the focus to its first control; Enter steps.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Next step of the counterexample');
    await page.keyboard.press('Enter');
    await section.locator('.wb-play-status').filter({ hasText: /^Following the counterexample: 1 of its/ }).waitFor();
    // The lanes' step choices are buttons too.
    await tabTo(page, `${id} button.wb-option`, 10);
    await page.keyboard.press('Enter');
    await section.locator('.wb-play-taken li').nth(1).waitFor();

    await tabTo(page, `${id} .wb-hints button`, 40);
    await page.keyboard.press('Enter');
    expect(await section.locator('.wb-hints-list li').count()).toBe(1);
    await page.close();
  });

  // One test a colour scheme: each opens three exercises and runs axe eleven times (a minute and more on a loaded machine).
  for (const scheme of ['light', 'dark'] as const) it(`a chapter page and the workbench in each of its states have no axe violations (${scheme})`, async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    const mp = exercise('mp-wmb-rmb') as CodeExercise;
    let section = await openExercise(page, site.url, mp.id);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    section = await openExercise(page, site.url, mp.id);
    await expectNoViolations(page, `${scheme}: a chapter page with its workbench ready`);

    // A refused edit on a locked line, and its message.
    await clickEndOfLine(section, 11);
    await page.keyboard.type('x');
    expect(await refusalMessage(section)).toMatch(/locked/);
    await expectNoViolations(page, `${scheme}: a refused edit`);

    // Invalid: a barrier with a syntax error (moving code is refused by the locked lines already).
    await pasteIntoEditor(page, section, mp.starter.source.replace('WRITE_ONCE(*msg, 1);\n', 'WRITE_ONCE(*msg, 1);\n\tsmp_wmb(;\n'));
    expect((await checkNow(section)).status).toBe('invalid');
    await expectNoViolations(page, `${scheme}: an invalid answer`);

    // Incorrect: the counterexample's lanes and graph, then Play it part way, then the fix offered after two tries.
    await pasteIntoEditor(page, section, mp.wrong[0]!.source);
    expect((await checkNow(section)).status).toBe('incorrect');
    await expectNoViolations(page, `${scheme}: an incorrect answer with its counterexample`);
    await section.getByRole('button', { name: /^Play it/ }).click();
    await section.getByRole('button', { name: 'Next step of the counterexample' }).click();
    await section.locator('.wb-play-status').filter({ hasText: /^Following (the counterexample|this execution): 1 of its/ }).waitFor();
    expect((await checkNow(section)).status).toBe('incorrect');
    await section.getByRole('button', { name: 'Ask the checker for a fix' }).click();
    await section.locator('.wb-repair').filter({ hasText: /cheapest fix/ }).waitFor();
    await expectNoViolations(page, `${scheme}: Play it and the checker's fix`);

    // The hints up to the solution and why; then over-fenced and correct answers.
    for (let i = 0; i < 4; i++) await section.locator('.wb-hints > button').click();
    await pasteIntoEditor(page, section, mp.overFenced!.source);
    expect((await checkNow(section)).status).toBe('over-fenced');
    await expectNoViolations(page, `${scheme}: hints, solution and an over-fenced answer`);
    await pasteIntoEditor(page, section, mp.solutions[0]!.source);
    expect((await checkNow(section)).status).toBe('correct');
    await expectNoViolations(page, `${scheme}: a correct answer`);

    // A predict exercise: its form, a wrong prediction and its counterexample.
    const sb = exercise('sb-which-models')!;
    section = await openExercise(page, site.url, sb.id);
    await expectNoViolations(page, `${scheme}: a predict exercise`);
    await answerPrediction(section, predictionAnswers(sb.wrong[1]!.source, sb.models));
    expect((await checkNow(section)).status).toBe('incorrect');
    await expectNoViolations(page, `${scheme}: a wrong prediction`);

    // A kernel exercise with the flush toggle, checked as an ungraded try.
    const gup = exercise('gup-fast-broadcast-flush')!;
    section = await openExercise(page, site.url, gup.id);
    await section.locator('select[id$="-flush"]').selectOption({ index: 1 });
    const tried = await checkNow(section);
    expect(tried.text).toMatch(/A try with ipi TLB flushes: not graded/);
    await expectNoViolations(page, `${scheme}: a kernel exercise tried with the other flush`);
    await page.close();
  }, 240_000);
});

// The progress page as a learner uses it: what the workbench recorded
// (solved, attempted, untouched; attempts; best score), exported to a file,
// reset one exercise and all of them behind a confirmation, imported back;
// a malformed, a foreign and a damaged file each refused with words, and
// nothing changed. Axe in both themes; screenshots in light, dark and phone
// width (apps/site/e2e-results/).
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { exercise, exercises, type CodeExercise } from '@barrier-lab/exercises';
import { expectNoViolations } from './axe.ts';
import { results, useSiteInBrowser } from './browser.ts';
import { checkNow, openExercise, pasteIntoEditor } from './workbench-driver.ts';

const total = exercises().length;

/**
 * One exercise's row as the page shows it, read in one go: cell by cell, a
 * render in between could mix the row before it with the row after it.
 */
async function row(page: Page, id: string): Promise<{ standing: string; status: string; attempts: string; best: string }> {
  return page.locator(`tr[data-progress-exercise="${id}"]`).evaluate((tr: HTMLElement) => {
    const text = (name: string) => (tr.querySelector<HTMLElement>(`[data-cell="${name}"]`)?.innerText ?? '');
    return { standing: tr.dataset.standing ?? '', status: text('status'), attempts: text('attempts'), best: text('best') };
  });
}

async function openProgress(page: Page, url: string): Promise<Locator> {
  await page.goto(`${url}/progress/`);
  await page.waitForSelector('[data-progress][data-ready]');
  return page.locator('[data-progress]');
}

/** Answers the confirmation dialog with `answer` and returns what it asked. */
async function answerDialog(page: Page, answer: 'Cancel' | 'confirm'): Promise<string> {
  const dialog = page.locator('dialog.progress-confirm[open]');
  await dialog.waitFor();
  const question = await dialog.locator('.progress-confirm-text').innerText();
  await (answer === 'Cancel' ? dialog.locator('button[value="cancel"]') : dialog.locator('button[value="confirm"]')).click();
  await dialog.waitFor({ state: 'detached' }).catch(() => page.locator('dialog.progress-confirm:not([open])').waitFor({ state: 'attached' }));
  return question;
}

async function importFile(page: Page, name: string, text: string): Promise<void> {
  await page.setInputFiles('input.progress-import-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

describe('the progress page', () => {
  const { site, browser } = useSiteInBrowser();

  it('shows what the workbench recorded, exports it, resets one and all after a confirmation, and imports the file back; a malformed, foreign or damaged file changes nothing', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/progress/`);
    await page.evaluate(() => localStorage.clear());

    // Two exercises of chapter 2: one solved at the second try, one tried once.
    const mp = exercise('mp-wmb-rmb') as CodeExercise;
    const ra = exercise('mp-release-acquire') as CodeExercise;
    let section = await openExercise(page, site.url, mp.id);
    await pasteIntoEditor(page, section, mp.wrong[0]!.source);
    expect((await checkNow(section)).status).toBe('incorrect');
    await pasteIntoEditor(page, section, mp.solutions[0]!.source);
    expect((await checkNow(section)).status).toBe('correct');
    section = await openExercise(page, site.url, ra.id);
    await pasteIntoEditor(page, section, ra.wrong[0]!.source);
    expect((await checkNow(section)).status).toBe('incorrect');

    const root = await openProgress(page, site.url);
    const solvedRow = await row(page, mp.id);
    expect(solvedRow).toMatchObject({ standing: 'solved', attempts: '2', best: '10 / 10' });
    expect(solvedRow.status).toMatch(/^Solved on \d{4}-\d\d-\d\d$/);
    expect(await row(page, ra.id)).toEqual({ standing: 'attempted', status: 'Attempted (last check: incorrect)', attempts: '1', best: '0 / 10' });
    expect(await row(page, 'sb-full-barriers')).toEqual({ standing: 'untouched', status: 'Untouched', attempts: '0', best: '—' });
    expect(await root.locator('[data-progress-chapter="2"] .progress-chapter-count').innerText()).toBe('1 of 2 solved');
    expect(await root.locator('.progress-summary').innerText()).toBe(`1 of ${total} exercises solved, 1 attempted, ${total - 2} untouched.`);

    // Export.
    const [download] = await Promise.all([page.waitForEvent('download'), root.locator('button.progress-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^barrier-lab-progress-\d{4}-\d\d-\d\d\.json$/);
    const exported = await readFile((await download.path())!, 'utf8');
    const file = JSON.parse(exported) as { format: string; version: number; exercises: Record<string, { solved: boolean; attempts: number }> };
    expect(file.format).toBe('barrier-lab-progress');
    expect(file.version).toBe(1);
    expect(file.exercises[mp.id]).toMatchObject({ solved: true, attempts: 2 });
    await screenshotProgress(page, 'light');
    await expectNoViolations(page, 'the progress page, light');

    // Reset one: Cancel keeps it, confirming forgets it. The page says so once
    // it has: the dialog closes before the store is reset and the rows drawn.
    const message = root.locator('.progress-message');
    await root.locator(`button.progress-reset[data-reset="${ra.id}"]`).click();
    expect(await answerDialog(page, 'Cancel')).toMatch(/^Reset “Publish a message with release and acquire”\?/);
    expect((await row(page, ra.id)).standing).toBe('attempted');
    await root.locator(`button.progress-reset[data-reset="${ra.id}"]`).click();
    await answerDialog(page, 'confirm');
    await message.filter({ hasText: /is reset\.$/ }).waitFor();
    expect(await row(page, ra.id)).toMatchObject({ standing: 'untouched', attempts: '0' });
    expect((await row(page, mp.id)).standing).toBe('solved');

    // Reset all.
    await root.locator('button.progress-reset-all').click();
    expect(await answerDialog(page, 'confirm')).toMatch(/^Reset all your progress on this browser\?/);
    await message.filter({ hasText: /^All progress is reset\.$/ }).waitFor();
    expect(await row(page, mp.id)).toMatchObject({ standing: 'untouched', attempts: '0', best: '—' });
    expect(await root.locator('.progress-summary').innerText()).toBe(`0 of ${total} exercises solved, 0 attempted, ${total} untouched.`);
    expect(await page.evaluate(() => localStorage.getItem('barrier-lab:progress:v1'))).toBe('{"version":1,"exercises":{}}');

    // Refused files: nothing changes, and the message says why.
    await importFile(page, 'notes.json', '{ "format": "barrier-lab-progress", "exercises": ');
    await message.filter({ hasText: /not imported/ }).waitFor();
    expect(await message.innerText()).toMatch(/^“notes\.json” was not imported\. This file is not JSON .*Nothing was changed\.$/);
    await importFile(page, 'package.json', JSON.stringify({ name: 'left-pad', version: '1.3.0', dependencies: {} }));
    await message.filter({ hasText: /package\.json/ }).waitFor();
    expect(await message.innerText()).toMatch(/not a Barrier Lab progress file: it has no exercises\. Nothing was changed\.$/);
    const damaged = JSON.stringify({ ...file, exercises: { ...file.exercises, [mp.id]: { ...file.exercises[mp.id], attempts: 'many' } } });
    await importFile(page, 'damaged.json', damaged);
    await message.filter({ hasText: /damaged\.json/ }).waitFor();
    expect(await message.innerText()).toMatch(/The record of the exercise “mp-wmb-rmb” is damaged: “attempts” must be a whole number, 0 or more\. Nothing was changed\.$/);
    expect(await message.getAttribute('data-tone')).toBe('bad');
    expect(await row(page, mp.id)).toMatchObject({ standing: 'untouched' });
    expect(await page.evaluate(() => localStorage.getItem('barrier-lab:progress:v1'))).toBe('{"version":1,"exercises":{}}');

    // The exported file comes back, after a confirmation that says what it holds.
    await importFile(page, 'mine.json', exported);
    expect(await answerDialog(page, 'confirm')).toMatch(/^Replace your progress on this browser with “mine\.json”\? It holds 2 exercises, 1 solved\./);
    await message.filter({ hasText: /^Imported/ }).waitFor();
    expect(await row(page, mp.id)).toMatchObject({ standing: 'solved', attempts: '2', best: '10 / 10' });
    expect(await row(page, ra.id)).toMatchObject({ standing: 'attempted', attempts: '1' });

    // The workbench reads the same store: the chapter shows the exercise solved.
    section = await openExercise(page, site.url, mp.id);
    expect(await section.getAttribute('data-solved')).toBe('true');
    expect(await section.locator('.wb-solved-badge').count()).toBe(1);

    await page.emulateMedia({ colorScheme: 'dark' });
    await openProgress(page, site.url);
    await screenshotProgress(page, 'dark');
    await expectNoViolations(page, 'the progress page, dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    await openProgress(page, site.url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'the page scrolls sideways at phone width').toBeLessThanOrEqual(0);
    await screenshotProgress(page, 'phone');
    await page.close();
  });
});

async function screenshotProgress(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${results}/progress-${name}.png`, fullPage: true });
}

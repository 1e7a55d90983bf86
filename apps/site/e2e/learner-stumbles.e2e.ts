// What a learner walking the kernel chapters (4 to 14) stumbled on, each
// kept fixed: Reset to starter takes the learner's code with one click, so
// it says what it did and offers it back; a phone has no pointer to rest on
// a box of the execution graph, so the caption says tap and a tap marks it.
// Screenshots in e2e-results/.
import { describe, expect, it } from 'vitest';
import { exercise } from '@barrier-lab/exercises';
import { launchBrowser, results, useSiteInBrowser } from './browser.ts';
import { answerPrediction, checkNow, openExercise, pasteIntoEditor, screenshotSection, workbenchSource } from './workbench-driver.ts';

describe('stumbles of the kernel chapters', () => {
  const { site, browser } = useSiteInBrowser();

  it('Reset to starter says what it did and offers the learner\'s code back: Undo the reset (code exercise)', async () => {
    const page = await browser.context.newPage();
    const id = 'gup-fast-broadcast-flush';
    const section = await openExercise(page, site.url, id);
    const starter = exercise(id)!.starter.source;
    const mine = starter.replace('local_irq_restore(', 'smp_mb__after_atomic();\n\tlocal_irq_restore(');
    expect(mine).not.toBe(starter);
    await pasteIntoEditor(page, section, mine);

    await section.getByRole('button', { name: 'Reset to starter' }).click();
    const status = section.locator('[role="status"].wb-result');
    await expect.poll(() => workbenchSource(section)).toBe(starter);
    // Shown, not hidden: the learner sees what happened, and how to take it back.
    expect(await status.isVisible()).toBe(true);
    expect(await status.innerText()).toContain('Back to the starter code.');
    const undo = status.getByRole('button', { name: 'Undo the reset' });
    await screenshotSection(page, section, `${results}/reset-with-undo.png`);
    await undo.click();
    await expect.poll(() => workbenchSource(section)).toBe(mine);
    expect(await status.innerText()).toContain('Your code is back');
    expect(await undo.count()).toBe(0);

    // A reset with nothing to lose offers nothing to undo.
    await section.getByRole('button', { name: 'Reset to starter' }).click();
    await expect.poll(() => workbenchSource(section)).toBe(starter);
    await section.getByRole('button', { name: 'Reset to starter' }).click();
    expect(await status.innerText()).toContain('Back to the starter code.');
    expect(await status.getByRole('button', { name: 'Undo the reset' }).count()).toBe(0);
    await page.close();
  });

  it('Reset to starter of a prediction: Undo the reset brings the learner\'s answers back', async () => {
    const page = await browser.context.newPage();
    const section = await openExercise(page, site.url, 'tlb-flush-broadcast-predict');
    const before = await workbenchSource(section);
    await answerPrediction(section, { sc: 'Never', tso: 'Never', lkmm: 'Sometimes' });
    const mine = await workbenchSource(section);
    expect(mine).not.toBe(before);
    await section.getByRole('button', { name: 'Reset to starter' }).click();
    await expect.poll(() => workbenchSource(section)).toBe(before);
    await section.getByRole('button', { name: 'Undo the reset' }).click();
    await expect.poll(() => workbenchSource(section)).toBe(mine);
    expect(await section.locator('input[type="radio"]:checked').count()).toBe(3);
    // The Undo button is gone; the keyboard is on the answers that came back, not lost to the page.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');
    await page.close();
  });

  it('on a phone, the graph\'s caption says tap, and a finger\'s tap on a box marks it and its steps in the lanes, and they stay marked', async () => {
    const phone = await launchBrowser({ phone: true });
    try {
      const page = await phone.context.newPage();
      const section = await openExercise(page, site.url, 'rcu-freed-page-tables');
      const result = await checkNow(section);
      expect(result.status).toBe('incorrect');
      const graph = section.locator('.wb-graph');
      expect(await graph.locator('figcaption').innerText()).toMatch(/Point at a box, or tap it, to mark its line/);
      // The flush's barrier (line 26): a box with a step in the lanes, in view (not under the page's header).
      const node = graph.locator('g.event[data-line="26"]').first();
      await node.evaluate((n) => n.scrollIntoView({ block: 'center' }));
      await node.tap();
      await page.waitForTimeout(300); // what a tap sends after its click (Chrome: a leave) has come
      expect(await graph.locator('g.event.wb-linked[data-line="26"]').count()).toBeGreaterThan(0);
      expect(await section.locator('.wb-step.wb-linked[data-line="26"]').count()).toBeGreaterThan(0);
      await screenshotSection(page, section, `${results}/graph-tap-phone.png`);
      await page.close();
    } finally {
      await phone.close();
    }
  });
});

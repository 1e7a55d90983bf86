// A prediction wrong under several models: the workbench explains every one,
// one block per wrong model in the exercise's order, each with its own
// counterexample (lanes, graph, Play it) or why the model forbids the
// outcome; one Play it is open at a time. Screenshots at desktop and phone
// width (apps/site/e2e-results/).
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { results, useSiteInBrowser } from './browser.ts';
import { answerPrediction, checkNow, openExercise, screenshotSection } from './workbench-driver.ts';

/** The blocks shown, as [model, heading]. */
async function blocks(section: Locator): Promise<[string, string][]> {
  const shown = section.locator('.wb-model-explain');
  const out: [string, string][] = [];
  for (let i = 0; i < await shown.count(); i++) {
    const block = shown.nth(i);
    out.push([(await block.getAttribute('data-model')) ?? '', await block.locator('.wb-model-explain-head').innerText()]);
  }
  return out;
}

describe('a prediction wrong under two models', () => {
  const { site, browser } = useSiteInBrowser();

  it('explains both: why sc forbids it, and how it happens under tso, each in its own block', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const section = await openExercise(page, site.url, 'sb-which-models');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await openExercise(page, site.url, 'sb-which-models');
    await answerPrediction(section, { sc: 'Sometimes', tso: 'Never', lkmm: 'Sometimes' });
    const result = await checkNow(section);
    expect(result.status, result.text).toBe('incorrect');
    expect(result.text).toContain('Two predictions are wrong, under sc and tso: each is explained below.');

    expect(await blocks(section)).toEqual([['sc', 'sc: you said Sometimes; it is Never'], ['tso', 'tso: you said Never; it is Sometimes']]);
    const sc = section.locator('.wb-model-explain[data-model="sc"]');
    const tso = section.locator('.wb-model-explain[data-model="tso"]');
    // sc: the reason the model forbids it, and the forbidden execution's graph; nothing to play.
    expect(await sc.locator('.wb-model-explain-why').innerText()).toBe('Under sc it is Never, not Sometimes: no execution that sc allows ends this way.');
    expect(await sc.getByRole('heading', { name: 'Why it cannot happen under sc' }).count()).toBe(1);
    expect(await sc.locator('.wb-explain p').first().innerText()).toMatch(/forbidden under sc/);
    expect(await sc.locator('.wb-graph g.event:not([data-line="0"])').count()).toBe(4);
    expect(await sc.locator('.wb-lanes').count()).toBe(0);
    expect(await sc.getByRole('button', { name: /^Play it/ }).count()).toBe(0);
    // tso: its own counterexample, as lanes and a graph, with Play it.
    expect(await tso.locator('.wb-model-explain-why').innerText()).toMatch(/^Under tso it is Sometimes, not Never: at least one execution ends this way\. One execution that ends in 0:r0=0, 1:r0=0 follows/);
    expect(await tso.getByRole('heading', { name: 'How it happens under tso' }).count()).toBe(1);
    expect(await tso.locator('.wb-lanes .wb-step').count()).toBe(4);
    expect(await tso.locator('.wb-graph g.event:not([data-line="0"])').count()).toBe(4);
    // Each graph has ids of its own: nothing in the page is defined twice.
    const duplicateIds = await section.evaluate((el) => {
      const ids = [...el.querySelectorAll('[id]')].map((n) => n.id);
      return ids.filter((id, i) => ids.indexOf(id) !== i);
    });
    expect(duplicateIds).toEqual([]);
    // The prediction form marks both wrong, and only them.
    expect(await section.locator('.wb-predict-mark.wb-wrong').count()).toBe(2);

    await screenshotSection(page, section, `${results}/prediction-two-wrong-desktop.png`);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'the page scrolls sideways at phone width').toBeLessThanOrEqual(0);
    await screenshotSection(page, section, `${results}/prediction-two-wrong-phone.png`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('at phone width, the reason sc forbids the outcome keeps each arrow of its cycle (-po->, -fr->) on one line', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const section = await openExercise(page, site.url, 'sb-which-models');
    await answerPrediction(section, { sc: 'Sometimes', tso: 'Sometimes', lkmm: 'Sometimes' });
    expect((await checkNow(section)).status).toBe('incorrect');
    const why = section.locator('.wb-model-explain[data-model="sc"] p', { hasText: '-po->' });
    // Each arrow's text, measured where it is drawn: one box means one line.
    const arrows = await why.evaluate((p) => {
      const found: { arrow: string; lines: number }[] = [];
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of (node.textContent ?? '').matchAll(/-[\w-]+?->/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          found.push({ arrow: m[0], lines: tops.size });
        }
      }
      return found;
    });
    expect(arrows.length).toBeGreaterThanOrEqual(4);
    expect(arrows.filter((a) => a.lines !== 1)).toEqual([]);
    await page.close();
  });

  it('gives tso and lkmm each its own Play it, under its own model, one open at a time', async () => {
    const page = await browser.context.newPage();
    const section = await openExercise(page, site.url, 'sb-which-models');
    await answerPrediction(section, { sc: 'Never', tso: 'Never', lkmm: 'Never' });
    const result = await checkNow(section);
    expect(result.status, result.text).toBe('incorrect');
    expect(await blocks(section)).toEqual([['tso', 'tso: you said Never; it is Sometimes'], ['lkmm', 'lkmm: you said Never; it is Sometimes']]);
    const tso = section.locator('.wb-model-explain[data-model="tso"]');
    const lkmm = section.locator('.wb-model-explain[data-model="lkmm"]');
    for (const block of [tso, lkmm]) {
      expect(await block.locator('.wb-lanes .wb-step').count()).toBe(4);
      expect(await block.getByRole('button', { name: /^Play it: step through/ }).count()).toBe(1);
    }

    await tso.getByRole('button', { name: /^Play it: step through/ }).click();
    await tso.locator('.wb-play-status').filter({ hasText: /Following the counterexample: 0 of its 4 steps/ }).waitFor();
    expect(await tso.locator('.wb-play').innerText()).toContain('You are the machine (tso).');

    // Opening lkmm's closes tso's (the worker runs one session), and offers tso's button again.
    await lkmm.getByRole('button', { name: /^Play it: step through/ }).click();
    const player = lkmm.locator('.wb-play');
    const status = player.locator('.wb-play-status');
    await status.filter({ hasText: /Following the counterexample: 0 of its 4 steps/ }).waitFor();
    expect(await player.innerText()).toContain('You are the machine (lkmm).');
    expect(await tso.locator('.wb-play').count()).toBe(0);
    expect(await tso.getByRole('button', { name: /^Play it: step through/ }).count()).toBe(1);
    await player.getByRole('button', { name: 'Play it to the end' }).click();
    await status.filter({ hasText: /Finished: .*the outcome the exercise asks about happened/ }).waitFor();
    await screenshotSection(page, section, `${results}/prediction-two-wrong-play-lkmm.png`);

    // A share link's step position says whose Play it it is: restored, it opens lkmm's, where it was.
    type Bench = { snapshot(): { step?: { model?: string } }; restore(state: unknown): Promise<void> };
    const snapshot = await section.evaluate((el) => (el as HTMLElement & { workbench: Bench }).workbench.snapshot());
    expect(snapshot.step?.model).toBe('lkmm');
    await section.evaluate((el, state) => (el as HTMLElement & { workbench: Bench }).workbench.restore(state), snapshot);
    await lkmm.locator('.wb-play-status').filter({ hasText: /Finished: / }).waitFor();
    expect(await tso.locator('.wb-play').count()).toBe(0);
    await page.close();
  });
});

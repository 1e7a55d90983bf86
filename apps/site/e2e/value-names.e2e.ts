// Values by the kernel's names wherever a learner sees one in an exercise's
// counterexample: the lanes, the graph, and Play it (its lanes, the steps it
// offers, "Memory now", its last words), as the check's verdict says them
// (`pmdp = PMD_TABLE`, `pmdp = PMD_NONE`, never `pmdp = 4` or `0`), and in
// the chapters' own swim-lane figures; at phone width a long name stays
// inside its lane. Screenshots at 1280 and 390 px (apps/site/e2e-results/).
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { exercise } from '@barrier-lab/exercises';
import { results, useSiteInBrowser } from './browser.ts';
import { checkNow, openExercise, pasteIntoEditor, screenshotSection } from './workbench-driver.ts';

/** What Play it shows now, as text: its status, each CPU lane, and "Memory now". */
async function playText(player: Locator): Promise<{ status: string; lanes: string[]; memory: string }> {
  return {
    status: await player.locator('.wb-play-status').innerText(),
    lanes: await player.locator('.wb-play-lane').allInnerTexts(),
    memory: await player.locator('.wb-play-memory').innerText(),
  };
}

/** Opens Play it on the checked answer and waits for its first position. */
async function openPlayer(section: Locator): Promise<{ player: Locator; total: number }> {
  await section.getByRole('button', { name: /^Play it: step through/ }).click();
  const player = section.locator('.wb-play');
  const status = player.locator('.wb-play-status');
  // The worker explores the test for step mode first: slow on a busy machine.
  await status.filter({ hasText: /Following the counterexample: 0 of its \d+ steps/ }).waitFor({ timeout: 60_000 });
  return { player, total: Number(/of its (\d+) steps/.exec(await status.innerText())![1]) };
}

/** Takes the counterexample's next step and waits for it. */
async function nextStep(player: Locator, i: number, total: number): Promise<void> {
  await player.getByRole('button', { name: 'Next step of the counterexample' }).click();
  await player.locator('.wb-play-status').filter({ hasText: new RegExp(`Following the counterexample: ${i} of its ${total} steps`) }).waitFor({ timeout: 60_000 });
}

/** The elements of `scope` whose content is wider than their box, or that reach past `scope`'s right edge. */
function overflowing(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    for (const scope of document.querySelectorAll<HTMLElement>(sel)) {
      const right = scope.getBoundingClientRect().right;
      for (const el of [scope, ...scope.querySelectorAll<HTMLElement>('*')]) {
        const box = el.getBoundingClientRect();
        if (box.width === 0) continue;
        if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'auto') out.push(`${el.className}: scrolls (${el.scrollWidth} > ${el.clientWidth}): ${el.textContent?.slice(0, 60)}`);
        if (box.right > right + 1) out.push(`${el.className}: past the edge by ${Math.round(box.right - right)} px: ${el.textContent?.slice(0, 60)}`);
      }
    }
    return out;
  }, selector);
}

describe('values by the kernel names in a counterexample and in Play it', () => {
  const { site, browser } = useSiteInBrowser();

  it('rcu-freed-page-tables at 1280 px: the lanes, the graph and every step of Play it say PMD_TABLE and PT_FREED, never 4 and 107 (screenshots)', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const e = exercise('rcu-freed-page-tables')!;
    const section = await openExercise(page, site.url, e.id);
    await pasteIntoEditor(page, section, e.wrong.find((w) => w.file === 'wrong-free-before-unhook.litmus')!.source);
    const result = await checkNow(section);
    expect(result.status, result.text).toBe('incorrect');
    expect(result.text).toContain('1:pmd=PMD_TABLE');

    // The check's lanes: the state in the caption and each read and store by name.
    const lanes = section.locator('.wb-lanes');
    expect(await lanes.locator('figcaption').innerText()).toContain('1:pmd=PMD_TABLE, 1:pte=PT_FREED, [ptep]=PT_FREED');
    const laneText = await lanes.innerText();
    expect(laneText).toContain('read pmdp = PMD_TABLE, the initial value');
    expect(laneText).toContain('read ptep = PT_FREED, written by CPU 0');
    expect(laneText).toContain('stored pmdp = PMD_NONE');
    expect(laneText).not.toMatch(/(pmdp|ptep) = (0|4|107)\b/);

    // The graph: node labels (and the initial write's tooltip) by name.
    const labels = await section.locator('.wb-graph g.event > text:first-of-type').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['pmdp=PMD_TABLE (init)', 'R[once] pmdp=PMD_TABLE', 'R[once] ptep=PT_FREED', 'W[once] ptep=PT_FREED', 'W[once] pmdp=PMD_NONE']));
    expect(labels.filter((l) => /p=(0|4|107)\b/.test(l))).toEqual([]);
    expect(await section.locator('.wb-graph g.event title').allTextContents()).toContain('pmdp=PMD_TABLE (init)');
    await screenshotSection(page, lanes, `${results}/value-names-desktop-lanes.png`);
    await screenshotSection(page, section.locator('.wb-graph'), `${results}/value-names-desktop-graph.png`);

    // Play it, step by step: every lane, option and memory line by name.
    const { player, total } = await openPlayer(section);
    expect((await playText(player)).memory).toBe('Memory now: pmdp = PMD_TABLE (initial), ptep = PTE_WRITE (initial)');
    const seen: string[] = [];
    let readPmd = -1;
    for (let i = 1; i <= total; i++) {
      const options = await player.locator('button.wb-option').allInnerTexts();
      seen.push(...options);
      if (readPmd < 0 && options.some((o) => o.includes('read pmdp = PMD_TABLE from the initial value'))) readPmd = i;
      await nextStep(player, i, total);
      const now = await playText(player);
      seen.push(now.status, now.memory, ...now.lanes);
      if (i === Math.ceil(total / 2)) await screenshotSection(page, section, `${results}/value-names-desktop-midway.png`);
    }
    expect(readPmd, 'an option offered the read of the PMD by name').toBeGreaterThan(0);
    const end = await playText(player);
    expect(end.lanes.find((l) => l.startsWith('CPU 1'))).toMatch(/read pmdp = PMD_TABLE from the initial value[\s\S]*read ptep = PT_FREED from step \d+/);
    expect(end.memory).toMatch(/^Memory now: pmdp = PMD_NONE \(step \d+\), ptep = PT_FREED \(step \d+\)$/);
    expect(end.status).toContain('Finished: 1:pmd=PMD_TABLE, 1:pte=PT_FREED, [ptep]=PT_FREED, the outcome the exercise asks about happened.');
    // Not once a raw number where the program gave a name (pmd_clear()'s 0 is PMD_NONE).
    expect(seen.filter((t) => /(pmdp|ptep) = (0|4|107|2|1)\b/.test(t))).toEqual([]);
    await screenshotSection(page, section, `${results}/value-names-desktop-end.png`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('gup-fast-broadcast-flush at 390 px: Play it says GUP_PIN_COUNTING_BIAS+1, and no long name leaves its lane (screenshots)', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const e = exercise('gup-fast-broadcast-flush')!;
    const section = await openExercise(page, site.url, e.id);
    const result = await checkNow(section);
    expect(result.status, result.text).toBe('incorrect');
    const { player, total } = await openPlayer(section);
    let pinned = false;
    let shot = false;
    for (let i = 1; i <= total; i++) {
      await nextStep(player, i, total);
      const now = await playText(player);
      if (now.memory.includes('refcount = GUP_PIN_COUNTING_BIAS+1 (step')) pinned = true;
      expect(`${now.memory}\n${now.lanes.join('\n')}`).not.toMatch(/refcount = 1025\b/);
      expect(await overflowing(page, '.wb-play')).toEqual([]);
      if (pinned && !shot) {
        await screenshotSection(page, player, `${results}/value-names-phone-play.png`);
        shot = true;
      }
    }
    expect(pinned, 'Memory now said the pin by name').toBe(true);
    expect((await playText(player)).lanes.join('\n')).toMatch(/read refcount = 1 from the initial value[\s\S]*stored refcount = GUP_PIN_COUNTING_BIAS\+1/);
    expect(await overflowing(page, '.wb-lanes')).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshotSection(page, section.locator('.wb-lanes'), `${results}/value-names-phone-lanes.png`);
    await page.close();
  });

  it('chapter 9\'s swim-lane figure at 1280 and 390 px: "Initially" and the boxes by name (PTE_NONE, GUP_PIN_COUNTING_BIAS+1), every text inside its box (screenshots)', async () => {
    const page = await browser.context.newPage();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${site.url}/course/09-gup-fast/`);
      const figure = page.locator('figure[data-figure="lanes"]').filter({ hasText: 'try_grab_folio' }).first();
      const svg = figure.locator(width === 390 ? 'svg.narrow' : 'svg.wide');
      expect(await svg.isVisible()).toBe(true);
      // Lines as drawn: a name cut across two lines of a phone's lane is joined back.
      const lines = await svg.locator('text').allTextContents();
      const text = lines.join('\n');
      expect(text).toMatch(/stores pte =\s+PTE_NONE/);
      expect(text.replace(/_\n/g, '_').replace(/\n(?=\+)/g, '')).toMatch(/GUP_PIN_COUNTING_BIAS\+1/);
      expect(text).not.toMatch(/refcount = 1025|pte = 0\b/);
      // Every line of a box stays inside that box, and "Initially" inside the picture.
      const outside = await svg.evaluate((el) => {
        const out: string[] = [];
        const svgBox = (el as SVGSVGElement).getBBox();
        for (const g of el.querySelectorAll('g.box')) {
          const rect = g.querySelector('rect')!.getBBox();
          for (const t of g.querySelectorAll('text')) {
            const b = (t as SVGTextElement).getBBox();
            if (b.x + b.width > rect.x + rect.width + 0.5) out.push(`${t.textContent} past its box by ${Math.round(b.x + b.width - rect.x - rect.width)}`);
          }
        }
        for (const t of el.querySelectorAll('text.initially')) {
          const b = (t as SVGTextElement).getBBox();
          if (b.x + b.width > svgBox.x + svgBox.width + 0.5 || b.x + b.width > (el as SVGSVGElement).viewBox.baseVal.width) out.push(`${t.textContent} past the picture`);
        }
        return out;
      });
      expect(outside, `at ${width} px`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await screenshotSection(page, figure, `${results}/value-names-chapter-9-lanes-${width}.png`);
    }
    await page.close();
  });
});

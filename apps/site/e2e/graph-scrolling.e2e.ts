// An execution graph wider than its column, as a learner on a phone meets
// it: the workbench's counterexample graphs (the capstone's kernel scenario,
// ~1,070 px wide, and MP's) and a chapter's graph scroll sideways in their own
// box, never the page, and say so: a hint in words, a fade at the edge there
// is more past, a box the keyboard reaches and the arrow keys scroll, named and
// described by the hint. Their labels are drawn at their own 10 px or more. On
// a desktop a graph that fits shows none of it. Screenshots in e2e-results/.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { exercise } from '@barrier-lab/exercises';
import { expectNoViolations } from './axe.ts';
import { results, useSiteInBrowser } from './browser.ts';
import { checkNow, openExercise, pasteIntoEditor } from './workbench-driver.ts';

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };

/** The graph box (the element that scrolls) of a workbench's graph or a chapter's. */
const scrollerOf = (figure: Locator): Locator => figure.locator('.wb-graph-picture, .graph-card');

/** What a learner gets of `figure`'s graph: whether it scrolls, and each cue that says so. */
async function graphCues(figure: Locator) {
  return scrollerOf(figure).evaluate((box) => {
    const svg = box.querySelector('svg')!;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const hint = box.closest('figure')!.querySelector<HTMLElement>('.side-scroll-hint');
    const frame = box.parentElement!;
    return {
      scrolls: box.scrollWidth > box.clientWidth + 1,
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      smallestText: Math.min(...[...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale)),
      hint: hint && hint.checkVisibility() ? hint.innerText : undefined,
      tabindex: box.getAttribute('tabindex'),
      name: box.getAttribute('aria-label'),
      describedByHint: hint !== null && box.getAttribute('aria-describedby') === hint.id,
      moreLeft: frame.hasAttribute('data-more-left'),
      moreRight: frame.hasAttribute('data-more-right'),
    };
  });
}

/** The opacity of the fade on `side` of the graph box's frame (it fades in). */
function fade(figure: Locator, side: 'left' | 'right'): Promise<string> {
  return scrollerOf(figure).evaluate((box, s) => getComputedStyle(box.parentElement!, s === 'left' ? '::before' : '::after').opacity, side);
}

/** Expects the cues of a graph that scrolls: the hint, the fade, the focusable box the arrow keys scroll, to its end. */
async function expectScrollingCues(page: Page, figure: Locator, where: string): Promise<void> {
  const cues = await graphCues(figure);
  expect(cues, where).toMatchObject({
    scrolls: true, hint: 'Scroll sideways to see the whole graph →', tabindex: '0', name: 'Execution graph', describedByHint: true, moreLeft: false, moreRight: true,
  });
  expect(cues.pageOverflow, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(0);
  expect(cues.smallestText, `${where}: the smallest label (px)`).toBeGreaterThanOrEqual(10);
  await expect.poll(() => fade(figure, 'right'), { message: `${where}: the right edge fades` }).toBe('1');
  expect(await fade(figure, 'left')).toBe('0');
  // From the keyboard: focus the box, the arrow keys scroll it; then the left edge fades too.
  await scrollerOf(figure).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => scrollerOf(figure).evaluate((box) => box.scrollLeft), { message: `${where}: ArrowRight scrolls` }).toBeGreaterThan(0);
  await expect.poll(async () => (await graphCues(figure)).moreLeft).toBe(true);
  await expect.poll(() => fade(figure, 'left')).toBe('1');
  // At the far end nothing more is past the right edge.
  await scrollerOf(figure).evaluate((box) => box.scrollTo({ left: box.scrollWidth }));
  await expect.poll(async () => (await graphCues(figure)).moreRight, { message: `${where}: at the end` }).toBe(false);
  await expect.poll(() => fade(figure, 'right')).toBe('0');
  await scrollerOf(figure).evaluate((box) => box.scrollTo({ left: 0 }));
}

/** Opens exercise `id`, checks its wrong answer `wrong`, and returns the counterexample's graph figure. */
async function counterexampleGraph(page: Page, siteUrl: string, id: string, wrong: string): Promise<Locator> {
  const e = exercise(id)!;
  const section = await openExercise(page, siteUrl, id);
  await pasteIntoEditor(page, section, e.wrong.find((w) => w.file === wrong)!.source);
  expect((await checkNow(section)).status).toBe('incorrect');
  const figure = section.locator('figure.wb-graph');
  await figure.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  return figure;
}

const counterexamples = [
  { id: 'capstone-patch', wrong: 'wrong-no-rmb.litmus', what: 'the capstone (a kernel scenario)' },
  { id: 'mp-wmb-rmb', wrong: 'wrong-only-wmb.litmus', what: 'MP (a litmus test)' },
] as const;

describe('an execution graph wider than its column', () => {
  const { site, browser } = useSiteInBrowser();

  it('on a phone, the counterexample graphs of the capstone and of MP scroll in their own box, say so, keep 10 px labels (screenshots)', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(phone);
    for (const { id, wrong, what } of counterexamples) {
      const figure = await counterexampleGraph(page, site.url, id, wrong);
      await expectScrollingCues(page, figure, `${what} on a phone`);
      await page.screenshot({ path: `${results}/graph-scrolling-${id}-phone.png` });
    }
    await page.close();
  });

  it('on a desktop, the capstone\'s graph still scrolls and says so; MP\'s fits and shows no cue, nor takes the focus', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(desktop);
    const capstone = await counterexampleGraph(page, site.url, 'capstone-patch', 'wrong-no-rmb.litmus');
    await expectScrollingCues(page, capstone, 'the capstone on a desktop');
    await page.screenshot({ path: `${results}/graph-scrolling-capstone-patch-desktop.png` });
    const mp = await counterexampleGraph(page, site.url, 'mp-wmb-rmb', 'wrong-only-wmb.litmus');
    expect(await graphCues(mp)).toMatchObject({ scrolls: false, hint: undefined, tabindex: null, describedByHint: false, moreLeft: false, moreRight: false, smallestText: 10 });
    expect(await fade(mp, 'right')).toBe('0');
    await page.close();
  });

  it('a chapter\'s graph (chapter 6) scrolls on a phone with the same cues, and fits on a desktop', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(phone);
    await page.goto(`${site.url}/course/06-pairing/`);
    const figure = page.locator('main figure.execution-graph').first();
    await figure.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await expectScrollingCues(page, figure, 'chapter 6 on a phone');
    await page.screenshot({ path: `${results}/graph-scrolling-chapter-6-phone.png` });
    await page.setViewportSize(desktop);
    // The box's size changed: the cues follow it.
    await expect.poll(async () => (await graphCues(figure)).scrolls).toBe(false);
    expect(await graphCues(figure)).toMatchObject({ hint: undefined, tabindex: null, moreRight: false, smallestText: 10 });
    await page.close();
  });

  it('on a phone, the pages with these graphs have no axe violations, light and dark', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(phone);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const figure = await counterexampleGraph(page, site.url, 'capstone-patch', 'wrong-no-rmb.litmus');
      await expect.poll(() => fade(figure, 'right')).toBe('1');
      await expectNoViolations(page, `${scheme}: the capstone's counterexample graph on a phone`);
      await page.screenshot({ path: `${results}/graph-scrolling-capstone-patch-phone-${scheme}.png` });
      await page.goto(`${site.url}/course/06-pairing/`);
      await expectNoViolations(page, `${scheme}: chapter 6 and its graph on a phone`);
    }
    await page.close();
  });
});

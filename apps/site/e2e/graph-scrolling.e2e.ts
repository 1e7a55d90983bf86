// An execution graph wider than its column, as a learner on a phone meets
// it: the workbench's counterexample graphs (the capstone's kernel scenario,
// ~1,070 px wide, and MP's) and a chapter's graph scroll sideways in their own
// box, never the page, and say so: a hint in words, a fade at the edge there
// is more past, a box the keyboard reaches and the arrow keys scroll, named and
// described by the hint. Their labels are drawn at their own 10 px or more.
// The hint sits in a bar that stays under the page's header while the learner
// scrolls down a tall graph, with a "Fit to width" toggle that shrinks the
// whole graph into the column and back. On a desktop a graph that fits shows
// none of it. Screenshots in e2e-results/.
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
    const figure = box.closest('figure')!;
    const hint = figure.querySelector<HTMLElement>('.side-scroll-hint');
    const fit = figure.querySelector<HTMLElement>('.side-scroll-fit');
    const frame = box.parentElement!;
    return {
      scrolls: box.scrollWidth > box.clientWidth + 1,
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      smallestText: Math.min(...[...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale)),
      hint: hint && hint.checkVisibility() ? hint.innerText : undefined,
      fit: fit && fit.checkVisibility() ? fit.getAttribute('aria-pressed') : undefined,
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
    scrolls: true, hint: 'Scroll sideways to see the whole graph\u00a0→', fit: 'false', tabindex: '0', name: 'Execution graph', describedByHint: true, moreLeft: false, moreRight: true,
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
    expect(await graphCues(mp)).toMatchObject({ scrolls: false, hint: undefined, fit: undefined, tabindex: null, describedByHint: false, moreLeft: false, moreRight: false, smallestText: 10 });
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
    expect(await graphCues(figure)).toMatchObject({ hint: undefined, fit: undefined, tabindex: null, moreRight: false, smallestText: 10 });
    await page.close();
  });

  it('scrolled halfway down the capstone\'s tall graph, the learner still sees the hint and the toggle, under the header, over nothing else (phone and desktop)', async () => {
    const page = await browser.context.newPage();
    for (const [name, size] of [['phone', phone], ['desktop', desktop]] as const) {
      await page.setViewportSize(size);
      const figure = await counterexampleGraph(page, site.url, 'capstone-patch', 'wrong-no-rmb.litmus');
      // The graph's middle at the middle of the window: its top (and the bar's place in the flow) is off-screen.
      await scrollerOf(figure).evaluate((box) => {
        const r = box.getBoundingClientRect();
        window.scrollBy(0, r.top + r.height / 2 - window.innerHeight / 2);
      });
      await expect.poll(() => scrollerOf(figure).evaluate((box) => box.getBoundingClientRect().top), { message: `${name}: the graph's top is above the window` }).toBeLessThan(0);
      const seen = await figure.evaluate((fig) => {
        const header = document.querySelector('header.header')!.getBoundingClientRect().bottom;
        const toc = document.querySelector('mobile-starlight-toc nav');
        const below = Math.max(header, toc?.checkVisibility() ? toc.getBoundingClientRect().bottom : 0);
        const shown = (el: HTMLElement | null) => {
          if (el === null) return null;
          const r = el.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return { top: r.top - below, bottom: window.innerHeight - r.bottom, onTop: hit !== null && el.contains(hit) };
        };
        return { hint: shown(fig.querySelector('.side-scroll-hint')!), fit: shown(fig.querySelector('.side-scroll-fit')!) };
      });
      for (const [what, where] of Object.entries(seen)) {
        if (where === null) throw new Error(`${name}: the page has no ${what}`);
        expect(where.top, `${name}: the ${what} starts below the page's header`).toBeGreaterThanOrEqual(-1);
        expect(where.bottom, `${name}: the ${what} is in the window`).toBeGreaterThan(0);
        expect(where.onTop, `${name}: the ${what} is drawn over the graph, not under it`).toBe(true);
      }
      await page.screenshot({ path: `${results}/graph-scrolling-capstone-patch-${name}-scrolled.png` });
    }
    await page.close();
  });

  it('"Fit to width" shrinks the capstone\'s graph into a phone\'s column, whole, and back to readable labels; the next graph keeps the choice', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(phone);
    const figure = await counterexampleGraph(page, site.url, 'capstone-patch', 'wrong-no-rmb.litmus');
    const fit = figure.locator('button.side-scroll-fit');
    await expect.poll(async () => (await graphCues(figure)).fit).toBe('false');
    await fit.click();
    const shrunk = await graphCues(figure);
    expect(shrunk).toMatchObject({ scrolls: false, hint: undefined, fit: 'true', tabindex: null, describedByHint: false, moreLeft: false, moreRight: false });
    expect(shrunk.pageOverflow).toBeLessThanOrEqual(0);
    // The whole drawing in the box, and in one screen: the shape at a glance.
    const fits = await scrollerOf(figure).evaluate((box) => {
      const b = box.getBoundingClientRect();
      const s = box.querySelector('svg')!.getBoundingClientRect();
      return { inside: s.left >= b.left - 0.5 && s.right <= b.right + 0.5, height: s.height };
    });
    expect(fits.inside).toBe(true);
    expect(fits.height).toBeLessThan(phone.height / 2);
    expect(await figure.locator('.side-scroll-note').innerText()).toBe('Shrunk to fit: press again to read the labels');
    await page.screenshot({ path: `${results}/graph-scrolling-capstone-patch-phone-fitted.png` });
    // Pressed again: the graph's own size, its labels 10 px, scrolling with every cue.
    await fit.click();
    await expectScrollingCues(page, figure, 'the capstone, back at its own size');
    expect(await figure.locator('.side-scroll-note').isVisible()).toBe(false);
    // Shrunk, then checked again: the new graph comes shrunk.
    await fit.click();
    const section = page.locator('[data-exercise-id="capstone-patch"]');
    await checkNow(section);
    await expect.poll(async () => (await graphCues(section.locator('figure.wb-graph'))).fit).toBe('true');
    expect((await graphCues(section.locator('figure.wb-graph'))).scrolls).toBe(false);
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
      await figure.locator('button.side-scroll-fit').click();
      await expectNoViolations(page, `${scheme}: the capstone's graph shrunk to fit, on a phone`);
      await figure.locator('button.side-scroll-fit').click();
      await page.screenshot({ path: `${results}/graph-scrolling-capstone-patch-phone-${scheme}.png` });
      await page.goto(`${site.url}/course/06-pairing/`);
      await expectNoViolations(page, `${scheme}: chapter 6 and its graph on a phone`);
    }
    await page.close();
  });
});

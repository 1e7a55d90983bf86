import { describe, expect, it } from 'vitest';
import { courseOutline, exercise, exercises, type Exercise } from '@barrier-lab/exercises';
import { expectNoViolations } from './axe.ts';
import { results, useSiteInBrowser } from './browser.ts';
import { checkNow, openExercise, pasteIntoEditor } from './workbench-driver.ts';
import { chapterPath } from '../src/lib/course-links.ts';

// The course's structure as a learner meets it: the landing page's cards and
// the sidebar reach every chapter, in order, and every chapter ends with its
// exercises. (The workbench's interactivity has its own tests.)
describe('the chapters', () => {
  const { site, browser } = useSiteInBrowser();

  it('links every chapter from a landing-page card, in order', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/`);
    const hrefs = await page.locator('.chapter-list li a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(courseOutline.map(chapterPath));
    await page.close();
  });

  it('lists Chapter 0 and every chapter in the sidebar, in order, with next links that walk the course', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/course/how-to-use/`);
    const sidebar = await page.locator('nav[aria-label="Main"] a[href^="/course/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(sidebar).toEqual(['/course/how-to-use/', ...courseOutline.map(chapterPath)]);
    // Follow "Next" from Chapter 0 to the capstone: the learner always knows what comes next.
    const visited: string[] = [];
    for (let i = 0; i < courseOutline.length; i++) {
      await page.locator('a[rel="next"]').click();
      await page.waitForLoadState('domcontentloaded');
      visited.push(new URL(page.url()).pathname);
      expect(await page.locator('nav[aria-label="Main"] a[aria-current="page"]').getAttribute('href')).toBe(visited.at(-1));
    }
    expect(visited).toEqual(courseOutline.map(chapterPath));
    // After the capstone the course is over: what follows is practice (the sidebar's last group).
    expect(await page.locator('a[rel="next"]').getAttribute('href')).toBe('/playground/');
    await page.close();
  });

  it('reads on a phone: no code block scrolls sideways, the patch outline\'s text is 11.5 px or more (in a debrief too, 8 px clear of its border), nothing overflows the page', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    for (const chapter of courseOutline) {
      await page.goto(`${site.url}${chapterPath(chapter)}`);
      const where = chapterPath(chapter);
      // Code wraps; only a drawing whose columns wrapping would break (marked wrap=false) may scroll.
      const scrolling = await page.locator('main .expressive-code pre.wrap').evaluateAll((pres) =>
        pres.filter((pre) => pre.scrollWidth > pre.clientWidth + 1).map((pre) => pre.textContent?.slice(0, 60)));
      expect(scrolling, `${where}: code blocks that scroll sideways`).toEqual([]);
      expect(await page.locator('main .expressive-code pre:not(.wrap)').count(), `${where}: blocks that do not wrap`).toBe(chapter.number === 14 ? 1 : 0);
      // The smallest text of the patch outlines in the page, and of those folded in a debrief
      // (which spans its own padding on a phone); Infinity where there is none.
      const smallest = (where: string) => page.locator(where).evaluateAll((texts) =>
        Math.min(Infinity, ...texts.map((t) => {
          const svg = (t as SVGTextElement).ownerSVGElement!;
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return parseFloat(getComputedStyle(t).fontSize) * scale;
        })));
      await page.locator('main details.debrief summary').evaluateAll((summaries) => summaries.forEach((s) => (s as HTMLElement).click()));
      const inPage = await smallest('main .patch-steps:not(.debrief *) svg text');
      expect(inPage, `${where}: the patch outline's smallest text (px)`).toBeGreaterThanOrEqual(11.5);
      if (chapter.number >= 11) expect(inPage).toBeLessThan(Infinity);
      expect(await smallest('main .debrief .patch-steps svg text'), `${where}: in the debrief`).toBeGreaterThanOrEqual(11.5);
      // And in the debrief the picture keeps clear of the debrief's border: 8 px or more of its
      // padding between the border and anything drawn (a box, its dashed outline, a text).
      const clearance = await page.locator('main .debrief .patch-steps svg').evaluateAll((svgs) => svgs.map((svg) => {
        const debrief = svg.closest('details.debrief')!;
        const box = debrief.getBoundingClientRect();
        const border = parseFloat(getComputedStyle(debrief).borderLeftWidth);
        const drawn = [...svg.querySelectorAll('rect, text, path')].map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0);
        const stroke = 1; // half the outlines' 2-unit stroke, outside the rectangles' boxes
        return {
          left: Math.min(...drawn.map((r) => r.left)) - stroke - (box.left + border),
          right: box.right - border - (Math.max(...drawn.map((r) => r.right)) + stroke),
        };
      }));
      if (chapter.number === 11) expect(clearance.length, `${where}: the patch outline in the debrief`).toBe(1);
      for (const side of clearance) {
        expect(side.left, `${where}: from the debrief's left border to the outline (px)`).toBeGreaterThanOrEqual(8);
        expect(side.right, `${where}: from the outline to the debrief's right border (px)`).toBeGreaterThanOrEqual(8);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${where} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await page.goto(`${site.url}/course/13-patch-migration/`);
    await page.screenshot({ path: `${results}/chapter-13-phone.png`, fullPage: true });
    await page.close();
  });

  it('on a phone, chapter 11\'s debrief and its patch outline have no axe violations, light and dark (screenshots)', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${site.url}/course/11-patch-ksm/`);
      const debrief = page.locator('main details.debrief').first();
      await debrief.locator('> summary').click();
      await expectNoViolations(page, `${scheme}: chapter 11 with its debrief open, on a phone`);
      const outline = debrief.locator('.patch-steps');
      await outline.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${results}/chapter-11-debrief-phone-${scheme}.png` });
    }
    await page.close();
  });

  it('draws the execution graph on a dark card in the dark theme, and takes screenshots of a chapter in both themes', async () => {
    const page = await browser.context.newPage();
    const background = async () => page.locator('main .execution-graph .graph-card').first().evaluate((card) => {
      const rect = card.querySelector('svg > rect')!;
      const text = card.querySelector('svg g.event text')!;
      return { card: getComputedStyle(card).backgroundColor, picture: getComputedStyle(rect).fill, text: getComputedStyle(text).fill };
    });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${site.url}/course/06-pairing/`);
      const colours = await background();
      if (scheme === 'light') expect(colours).toEqual({ card: 'rgb(255, 255, 255)', picture: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)' });
      else expect(colours).toEqual({ card: 'rgb(27, 29, 34)', picture: 'rgb(27, 29, 34)', text: 'rgb(230, 232, 235)' });
      await page.locator('main .execution-graph').first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${results}/chapter-6-graph-${scheme}.png` });
    }
    await page.close();
  });

  it('chapter 1 says how to check under sc alone, and doing what it says gives an sc counterexample to play, as a try', async () => {
    const page = await browser.context.newPage();
    const section = await openExercise(page, site.url, 'lost-update-atomic');
    // The instruction just before the exercise names the Models choices by their labels.
    const instruction = await page.locator('main p', { hasText: /under Models/ }).first().innerText();
    const choices = [...instruction.matchAll(/choose (.+?) under Models|own models, (.+?):/g)].map((m) => m[1] ?? m[2]);
    expect(choices).toEqual(['sc only', 'sc and lkmm (the grade)']);
    const models = section.locator('select[id$="-model"]');
    const labels = await models.locator('option').allInnerTexts();
    for (const choice of choices) expect(labels).toContain(choice);
    await models.selectOption({ label: choices[0]! });
    const result = await checkNow(section);
    expect(result.status).toBe('incorrect');
    expect(result.text).toMatch(/under sc\b/);
    expect(result.text).toMatch(/A try under sc only: not graded/);
    expect(await section.locator('.wb-explain :is(h2, h3, h4, h5)').first().innerText()).toMatch(/under sc$/);
    await section.getByRole('button', { name: /^Play it: step through/ }).click();
    expect(await section.locator('.wb-play').innerText()).toMatch(/You are the machine \(sc\)/);
    await page.close();
  });

  it('chapter 0 says after how many wrong tries the checker offers its fix, and the workbench offers it then', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/course/how-to-use/`);
    const said = await page.locator('main p', { hasText: 'cheapest set of barriers' }).innerText();
    const words: Record<string, number> = { one: 1, two: 2, three: 3 };
    const tries = words[/After (\w+) wrong tries/.exec(said)?.[1] ?? ''];
    expect(tries, said).toBeDefined();
    const section = await openExercise(page, site.url, 'mp-wmb-rmb');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await openExercise(page, site.url, 'mp-wmb-rmb');
    await pasteIntoEditor(page, section, (exercise('mp-wmb-rmb') as Exercise & { readonly starter: { readonly source: string } }).starter.source);
    const offer = section.getByRole('button', { name: 'Ask the checker for a fix' });
    for (let check = 1; check <= tries!; check++) {
      expect(await offer.isVisible(), `before check ${check}`).toBe(false);
      expect((await checkNow(section)).status).toBe('incorrect');
    }
    await offer.waitFor({ timeout: 5_000 });
    // The offer stays while the learner goes on: its words never count the tries, which would go stale.
    expect((await checkNow(section)).status).toBe('incorrect');
    expect(await section.locator('.wb-repair p').first().innerText()).not.toMatch(/\b(one|two|three|\d+) tries\b/i);
    await page.close();
  });

  it('chapter 1 says what each part of its first litmus test is before showing it: the initial values, P0, P1', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/course/01-interleavings/`);
    // The paragraph that introduces the first litmus test, and the test's own text.
    const said = await page.locator('main p', { hasText: 'written as a small litmus test' }).innerText();
    const test = await page.locator('main figure', { hasText: 'exists (counter=1)' }).first().locator('pre').innerText();
    expect(test).toMatch(/^\{\}$/m);
    for (const part of ['{}', 'P0', 'P1']) expect(said, part).toContain(part);
    await page.close();
  });

  it('chapter 3\'s store buffer: each read arrow rises from the value it reads, and no arrow crosses a label', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/course/03-store-buffering/`);
    const figure = page.locator('figure.store-buffer');
    await figure.scrollIntoViewIfNeeded();
    const drawn = await figure.evaluate((fig) => {
      const box = (e: Element) => (e as SVGGraphicsElement).getBBox();
      const lines = [...fig.querySelectorAll('line')].map((l) => ({
        read: l.classList.contains('read'),
        x1: Number(l.getAttribute('x1')), y1: Number(l.getAttribute('y1')),
        x2: Number(l.getAttribute('x2')), y2: Number(l.getAttribute('y2')),
      }));
      const texts = [...fig.querySelectorAll('svg > text')].map((t) => {
        const b = box(t);
        const spans = [...t.querySelectorAll('tspan')];
        const text = spans.length > 0 ? spans.map((s) => s.textContent ?? '').join(' ') : t.textContent ?? '';
        return { text: text.replace(/\s+/g, ' ').trim(), read: t.classList.contains('read-label'), x: b.x, y: b.y, right: b.x + b.width, bottom: b.y + b.height };
      });
      return { lines, texts };
    });
    // A vertical line crosses a text when it passes between its left and right edges within its height.
    const crosses = (l: { x1: number; y1: number; y2: number }, t: { x: number; right: number; y: number; bottom: number }) =>
      l.x1 > t.x && l.x1 < t.right && Math.max(l.y1, l.y2) > t.y && Math.min(l.y1, l.y2) < t.bottom;
    for (const line of drawn.lines) {
      const crossed = drawn.texts.filter((t) => crosses(line, t)).map((t) => t.text);
      expect(crossed, `the line at x = ${line.x1}`).toEqual([]);
    }
    const reads = drawn.lines.filter((l) => l.read);
    const labels = drawn.texts.filter((t) => t.read);
    expect(labels.map((t) => t.text)).toEqual(['2. reads y = 0', '2. reads x = 0']);
    reads.forEach((line, i) => {
      // The arrow starts at memory (its lower end), right above the value its label names.
      const value = labels[i]!.text.replace('2. reads ', '');
      const cell = drawn.texts.find((t) => t.text === value && !t.read)!;
      expect(line.x1 >= cell.x && line.x1 <= cell.right, `the arrow of "${labels[i]!.text}" rises from memory's ${value}`).toBe(true);
    });
    await figure.screenshot({ path: `${results}/chapter-3-store-buffer.png` });
    await page.close();
  });

  for (const chapter of courseOutline) {
    it(`chapter ${chapter.number} has a picture with a text alternative and ends with its exercises`, async () => {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const response = await page.goto(`${site.url}${chapterPath(chapter)}`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').first().textContent()).toBe(`Chapter ${chapter.number}: ${chapter.title}`);
      const own = exercises().filter((e) => e.chapter === chapter.number).map((e) => e.id);
      const shown = await page.locator('main [data-exercise-id]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-exercise-id')));
      expect([...shown].sort()).toEqual([...own].sort());
      // Nothing of the chapter's own content comes after its last exercise,
      // but the folded debrief of the exercises ("What just happened").
      const after = await page.locator('main [data-exercise-id]').last().evaluate((node) => {
        let text = '';
        for (let n = node.nextElementSibling; n; n = n.nextElementSibling) if (!n.matches('details.debrief')) text += n.textContent ?? '';
        return text.trim();
      });
      expect(after).toBe('');
      // At least one figure, each with a text alternative: an SVG picture with
      // role="img" and a non-empty title and description, or a checked litmus test.
      const pictures = await page.locator('main figure [role="img"]').evaluateAll((nodes) => nodes.filter((n) => (n as HTMLElement).offsetParent !== null || n.getBoundingClientRect().width > 0).map((svg) => {
        const ids = (svg.getAttribute('aria-labelledby') ?? '').split(' ').filter(Boolean);
        return ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '');
      }));
      expect(pictures.length, 'a visible picture').toBeGreaterThan(0);
      for (const texts of pictures) {
        expect(texts.length).toBe(2);
        for (const text of texts) expect(text.length).toBeGreaterThan(10);
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

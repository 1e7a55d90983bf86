// Share links as a learner and a tutor use them: the exact state of a
// workbench (code, model, Play it's step) and of the playground (test,
// model, limits, the execution shown, Play it's step) goes into a link and
// comes back from it; code from a link is text, never markup; a link cut
// short or changed opens the starter and says why; a link made before the
// exercise's starter changed still opens its own code.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { exercise, type CodeExercise } from '@barrier-lab/exercises';
import { fingerprint } from '../src/share/share-link.ts';
import { shareUrl } from '../src/share/share-url.ts';
import { useSiteInBrowser } from './browser.ts';
import { openPlayground, pasteIntoPlayground, playgroundSource, runNow, shownExecution, waitForExecution } from './playground-driver.ts';
import { checkNow, exercisePagePath, openExercise, pasteIntoEditor, workbenchSource } from './workbench-driver.ts';

const mp = exercise('mp-wmb-rmb') as CodeExercise;
// Markup, an inline handler and entities, in a comment: a link must carry them as the very same characters.
const hostile = '/* </script><img src=x onerror="window.__pwned = 1"> &lt;b&gt;bold&lt;/b&gt; &amp; &#60;script&#62; é */';

/** The link the Share button shows. */
async function share(page: Page, scope: string): Promise<string> {
  await page.locator(`${scope} button:has-text("Share")`).first().click();
  const field = page.locator(`${scope} .wb-share-url`);
  await field.waitFor();
  return field.inputValue();
}

/** Counts dialogs (an alert() would be one) and markup that should never appear. */
function watchForInjection(page: Page): { dialogs: number } {
  const seen = { dialogs: 0 };
  page.on('dialog', (d) => {
    seen.dialogs++;
    void d.dismiss();
  });
  return seen;
}

async function expectNoInjection(page: Page, seen: { dialogs: number }): Promise<void> {
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(seen.dialogs).toBe(0);
}

describe('share links', () => {
  const { site, browser } = useSiteInBrowser();

  it('workbench: the code, the model and Play it\'s step come back exactly, checked as a try (never graded), and the recipient\'s own code is offered back', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}${exercisePagePath(mp.id)}`);
    await page.evaluate(() => localStorage.clear());
    let section = await openExercise(page, site.url, mp.id);
    const wrong = `${mp.wrong[0]!.source.trimEnd()}\n${hostile}\n`;
    await pasteIntoEditor(page, section, wrong);
    await section.locator(`#wb-${mp.id}-model`).selectOption('lkmm');
    expect((await checkNow(section)).status).toBe('incorrect');
    await section.locator('.wb-play-button').click();
    const status = section.locator('.wb-play-status');
    await status.filter({ hasText: /^Following the counterexample: 0 of its \d+ steps taken\./ }).waitFor();
    await section.locator('button:has-text("Next step of the counterexample")').click();
    await status.filter({ hasText: /^Following (the counterexample|this execution): 1 of its/ }).waitFor();
    await section.locator('button:has-text("Next step of the counterexample")').click();
    await status.filter({ hasText: /^Following the counterexample: 2 of its/ }).waitFor();
    const shownStatus = await status.innerText();
    const url = await share(page, `[data-exercise-id="${mp.id}"]`);
    expect(url).toMatch(new RegExp(`^${site.url}/course/02-message-passing/#share=mp-wmb-rmb~1[A-Za-z0-9_-]+$`));
    expect(await section.locator('.wb-share-words').innerText()).toMatch(/Play it at this step\. \d+ characters\.$/);
    const attempts = await page.evaluate((id) => JSON.parse(localStorage.getItem('barrier-lab:progress:v1') ?? '{}').exercises?.[id]?.attempts ?? 0, mp.id);

    // The recipient (here: the same browser, with code of its own).
    const own = `${mp.starter.source}/* my own attempt */\n`;
    await pasteIntoEditor(page, section, own);
    await page.waitForTimeout(600); // the workbench saves after a pause
    const seen = watchForInjection(page);
    await page.goto('about:blank');
    await page.goto(url);
    section = page.locator(`[data-exercise-id="${mp.id}"]`);
    await status.filter({ hasText: /^Following the counterexample: 2 of its/ }).waitFor({ timeout: 60_000 });
    expect(await status.innerText()).toBe(shownStatus);
    expect(await section.locator('.wb-play-taken li').count()).toBe(2);
    expect(await workbenchSource(section)).toBe(wrong);
    expect(await section.locator(`#wb-${mp.id}-model`).inputValue()).toBe('lkmm');
    expect(await section.locator('.wb-share-note').innerText()).toMatch(/^Opened from a share link: the code, the settings and the step position as they were shared\./);
    expect(await section.locator('.wb-result').innerText()).toMatch(/A try under lkmm only from a shared link: not graded/);
    expect(new URL(page.url()).hash).toBe('');
    await expectNoInjection(page, seen);
    expect(await page.evaluate((id) => JSON.parse(localStorage.getItem('barrier-lab:progress:v1') ?? '{}').exercises?.[id]?.attempts ?? 0, mp.id)).toBe(attempts);
    await section.locator('button:has-text("Bring back my code")').click();
    await expect.poll(() => workbenchSource(section)).toBe(own);
    await page.close();
  });

  it('playground: the test, the model, a limit, the execution shown and Play it\'s step come back exactly; the code stays text', async () => {
    const page = await browser.context.newPage();
    let root = await openPlayground(page, site.url);
    await root.locator('.pg-limits summary').click();
    await root.locator('#pg-maxMillis').selectOption('10000');
    await root.locator('#pg-flush').selectOption('broadcast');
    const test = (await playgroundSource(root)).replace('{}', `${hostile}\n\n{}`);
    await pasteIntoPlayground(page, root, test);
    await root.locator('#pg-model').selectOption('tso');
    await runNow(root, () => root.locator('button.pg-run').click());
    await root.locator('.pg-filter').uncheck();
    const start = await shownExecution(root);
    const target = start === 0 ? 2 : 0;
    while ((await shownExecution(root)) !== target) {
      await root.locator(target > (await shownExecution(root)) ? 'button:has-text("Next →")' : 'button:has-text("← Previous")').click();
      await page.waitForTimeout(50);
    }
    await waitForExecution(root, target);
    await root.locator('.pg-execution .wb-play-button').click();
    const status = root.locator('.pg-execution .wb-play-status');
    await status.filter({ hasText: /^Following this execution: 0 of its/ }).waitFor();
    // A step of one's own (the last option offered), then one more.
    await root.locator('.pg-execution .wb-option').last().click();
    await status.filter({ hasText: /Last: step 1, line/ }).waitFor();
    await root.locator('.pg-execution .wb-option').first().click();
    await status.filter({ hasText: /Last: step 2, line/ }).waitFor();
    const shownStatus = await status.innerText();
    const taken = await root.locator('.pg-execution .wb-play-taken').allInnerTexts();
    const url = await share(page, '.pg-input');
    expect(url).toMatch(new RegExp(`^${site.url}/playground/#share=1[A-Za-z0-9_-]+$`));

    const seen = watchForInjection(page);
    root = await openPlayground(page, site.url, new URL(url).hash);
    await status.filter({ hasText: /Last: step 2, line/ }).waitFor({ timeout: 60_000 });
    expect(await status.innerText()).toBe(shownStatus);
    expect(await root.locator('.pg-execution .wb-play-taken').allInnerTexts()).toEqual(taken);
    expect(await shownExecution(root)).toBe(target);
    expect(await root.locator('.pg-filter').isChecked()).toBe(false);
    expect(await playgroundSource(root)).toBe(test);
    expect(await root.locator('#pg-model').inputValue()).toBe('tso');
    expect(await root.locator('#pg-maxMillis').inputValue()).toBe('10000');
    expect(await root.locator('#pg-flush').inputValue()).toBe('broadcast');
    expect(await root.locator('.wb-share-note').innerText()).toMatch(/^Opened from a share link: the test, the model, the settings, the execution shown and the step position/);
    // The comment is in the editor as text, and in the lanes' code nowhere as markup.
    expect(await root.locator('.pg-editor .view-lines').innerText()).toMatch(/<\/script><img\ssrc=x\sonerror=/);
    await expectNoInjection(page, seen);
    await page.close();
  });

  it('a link cut short or changed opens the starter (or the first example) and says why; a link to an exercise not on the page says so', async () => {
    const page = await browser.context.newPage();
    const good = await shareUrl(`${site.url}${exercisePagePath(mp.id)}`, { kind: 'exercise', exercise: mp.id, code: `${mp.starter.source}/* mine */\n` });
    const [front, payload] = good.split('~') as [string, string];
    const cases: [string, string, RegExp][] = [
      ['cut short', `${front}~${payload.slice(0, Math.floor(payload.length / 2))}`, /cut short or damaged|checksum/],
      ['changed', `${front}~${payload.slice(0, 20)}${payload[20] === 'Q' ? 'R' : 'Q'}${payload.slice(21)}`, /changed or damaged|cut short/],
      ['of an unknown format', `${front}~7${payload.slice(1)}`, /format this site does not know/],
    ];
    for (const [what, url, why] of cases) {
      await page.goto('about:blank');
      await page.goto(url);
      const section = page.locator(`[data-exercise-id="${mp.id}"]`);
      const note = section.locator('.wb-share-note');
      await note.waitFor({ timeout: 60_000 });
      expect(await note.innerText(), what).toMatch(/^This share link could not be opened: .*\. The exercise shows its starter code\./);
      expect(await note.innerText(), what).toMatch(why);
      expect(await workbenchSource(section), what).toBe(mp.starter.source);
    }
    await page.goto(`${site.url}${exercisePagePath(mp.id)}#share=no-such-exercise~1AAAA`);
    await page.locator('.share-page-note').filter({ hasText: 'This share link is for the exercise “no-such-exercise”, which is not on this page.' }).waitFor();

    // A good link pasted into the address bar of the page already open (only the fragment changes).
    await page.evaluate((hash) => {
      location.hash = hash;
    }, new URL(good).hash);
    await expect.poll(() => workbenchSource(page.locator(`[data-exercise-id="${mp.id}"]`)), { timeout: 60_000 }).toBe(`${mp.starter.source}/* mine */\n`);

    const playground = await shareUrl(`${site.url}/playground/`, { kind: 'playground', code: 'C mine\n{}\nP0(int *x) { WRITE_ONCE(*x, 1); }\nexists (x=1)\n', model: 'sc' });
    const hash = new URL(playground).hash;
    const root = await openPlayground(page, site.url, hash.slice(0, Math.floor(hash.length * 0.6)));
    await root.locator('.wb-share-note').waitFor();
    expect(await root.locator('.wb-share-note').innerText()).toMatch(/^This share link could not be opened: .*The playground shows the MP example instead\./);
    expect(await playgroundSource(root)).toMatch(/^C mp\n/);
    await page.close();
  });

  it('a link made before the exercise\'s starter changed still opens its own code, and says the starter changed', async () => {
    const page = await browser.context.newPage();
    // As a link made with an older starter would be: the same format, another starter fingerprint.
    const older = mp.starter.source.replace('P0 publishes a message', 'CPU 0 publishes a message');
    const url = await shareUrl(`${site.url}${exercisePagePath(mp.id)}`, { kind: 'exercise', exercise: mp.id, code: older, starter: fingerprint(older) });
    await page.goto(url);
    const section = page.locator(`[data-exercise-id="${mp.id}"]`);
    const note = section.locator('.wb-share-note');
    await note.waitFor({ timeout: 60_000 });
    expect(await note.innerText()).toMatch(/The exercise’s starter has changed since the link was made; the code is the link’s, as it was\./);
    expect(await workbenchSource(section)).toBe(older);
    await page.close();
  });
});

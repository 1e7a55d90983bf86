// The playground as a learner uses it: a test under each model and each
// flush flavour, every execution browsed (all of them, or only those that
// reach the outcome) and one played to its end, the examples one click
// away, the cheapest repair, a run cut short by a limit, a broken test;
// the test and settings kept in the browser across reloads (a share link
// wins over them; Reset to example); the memory limit checked as typed;
// axe in both themes; screenshots in light, dark and phone width
// (apps/site/e2e-results/).
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { expectNoViolations } from './axe.ts';
import { results, useSiteInBrowser } from './browser.ts';
import { shareUrl } from '../src/share/share-url.ts';
import { keptPlaygroundKey, openPlayground, pasteIntoPlayground, playgroundSource, runNow, shownExecution, waitForExecution } from './playground-driver.ts';
import { screenshotSection } from './workbench-driver.ts';

async function choose(root: Locator, select: string, value: string): Promise<void> {
  await root.locator(select).selectOption(value);
}

describe('the playground', () => {
  const { site, browser } = useSiteInBrowser();

  it('runs MP under each model: Never under sc and tso, Sometimes under lkmm, with its final states and what was explored against the limits', async () => {
    const page = await browser.context.newPage();
    const root = await openPlayground(page, site.url);
    expect(await root.locator('.pg-loaded').innerText()).toMatch(/^MP: Message passing/);
    const expected = { sc: ['Never', 3], tso: ['Never', 3], lkmm: ['Sometimes', 4] } as const;
    for (const [model, [verdict, states]] of Object.entries(expected)) {
      await choose(root, '#pg-model', model);
      const run = await runNow(root);
      expect(run.verdict, run.text).toBe(verdict);
      expect(run.text).toContain(`under ${model}`);
      expect(run.text).toMatch(/Explored \d+ candidate executions? of up to 6 events each/);
      expect(run.text).toContain('Limits: 200 events per execution, 5,000,000 candidate executions, 120 s, 1,024 MB of memory.');
      expect(await root.locator('.pg-states tbody tr').count()).toBe(states);
    }
    // Under lkmm one state reaches the outcome, and the table says which.
    expect(await root.locator('.pg-states tr.pg-state-bad').innerText()).toMatch(/1:r0=1; 1:r1=0\s+1\s+Yes/);
    await page.close();
  });

  it('browses every execution: Next and Previous through all four, the filter to the one that reaches the outcome, a state\'s own, and Play it on one to its end', async () => {
    const page = await browser.context.newPage();
    const root = await openPlayground(page, site.url);
    await choose(root, '#pg-model', 'lkmm');
    await runNow(root);
    // First shown: the smallest counterexample, with the filter on.
    const first = await shownExecution(root);
    expect(await root.locator('.pg-filter').isChecked()).toBe(true);
    expect(await root.locator('.pg-where').innerText()).toMatch(new RegExp(`^Execution ${first + 1} of 4: number 1 of the 1 that reach the outcome\\. It ends in 1:r0=1, 1:r1=0\\.`));
    expect(await root.locator('button:has-text("Next →")').isDisabled()).toBe(true);

    // All of them: from the first to the last and back.
    await root.locator('.pg-filter').uncheck();
    while (!(await root.locator('button:has-text("← Previous")').isDisabled())) {
      const at = await shownExecution(root);
      await root.locator('button:has-text("← Previous")').click();
      await waitForExecution(root, at - 1);
    }
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await waitForExecution(root, i);
      const where = await root.locator('.pg-where').innerText();
      expect(where).toMatch(new RegExp(`^Execution ${i + 1} of 4\\.`));
      seen.push(where.replace(/^Execution \d of 4\. /, ''));
      expect(await root.locator('.pg-execution .wb-step').count()).toBe(4);
      expect(await root.locator('.pg-execution .wb-graph g.event').count()).toBeGreaterThanOrEqual(4);
      if (i < 3) await root.locator('button:has-text("Next →")').click();
    }
    expect(new Set(seen).size).toBe(4);
    expect(await root.locator('button:has-text("Next →")').isDisabled()).toBe(true);

    // The filter again: only the bad one.
    await root.locator('.pg-filter').check();
    await waitForExecution(root, first);

    // "Show one" of a state that does not reach the outcome turns the filter off and shows it.
    const okRow = root.locator('.pg-states tbody tr:not(.pg-state-bad)').first();
    const okState = (await okRow.locator('td').first().innerText()).split(/;\s+/);
    await okRow.locator('button.pg-show-state').click();
    await page.waitForFunction(() => !document.querySelector<HTMLInputElement>('.pg-filter')?.checked);
    const shown = await shownExecution(root);
    expect(await root.locator('.pg-where').innerText()).toContain(`It ends in ${okState.join(', ')}.`);

    // Play it on that very execution, to its end: it ends in that state.
    await root.locator('.pg-execution .wb-play-button').click();
    await root.locator('.pg-execution .wb-play-status').filter({ hasText: /Following this execution: 0 of its 4 steps taken\./ }).waitFor();
    await root.locator('.pg-execution button:has-text("Play it to the end")').click();
    const status = root.locator('.pg-execution .wb-play-status').filter({ hasText: /Finished/ });
    await status.waitFor();
    const finished = await status.innerText();
    expect(finished).toMatch(/^Following this execution: 4 of its 4 steps taken\./);
    for (const entry of okState) expect(finished).toContain(entry);
    expect(finished).toContain('not the outcome the test asks about');
    expect(await shownExecution(root)).toBe(shown);
    await page.close();
  });

  it('has the shapes and the patch\'s scenarios one click away: IRIW, and KSM against GUP-fast under each flush flavour, with the cheapest repair', async () => {
    const page = await browser.context.newPage();
    const root = await openPlayground(page, site.url);
    await choose(root, '#pg-model', 'lkmm');
    const iriw = await runNow(root, () => root.locator('button[data-example="iriw"]').click());
    expect(iriw.verdict).toBe('Sometimes');
    expect(iriw.text).toContain('1 of 16 executions end in it');
    await root.locator('.pg-repair ul li').first().waitFor({ timeout: 60_000 });

    const ksm = await runNow(root, () => root.locator('button[data-example="ksm-pte-change"]').click());
    expect(ksm.verdict).toBe('Sometimes');
    expect(await root.locator('#pg-flush option:checked').innerText()).toBe('as the test says (broadcast)');
    const repair = root.locator('.pg-repair');
    await repair.locator('ul li').first().waitFor({ timeout: 60_000 });
    expect(await repair.innerText()).toMatch(/smp_mb__after_atomic\(\)|smp_mb\(\)/);
    // An IPI flush waits for GUP-fast's IRQs-off section: case 1 cannot happen.
    await choose(root, '#pg-flush', 'ipi');
    const ipi = await runNow(root);
    expect(ipi.verdict).toBe('Never');
    expect(await root.locator('.pg-why').innerText()).toMatch(/^Why it cannot happen under lkmm/);
    await choose(root, '#pg-flush', 'broadcast');
    expect((await runNow(root)).verdict).toBe('Sometimes');
    // Under sc it never happens.
    await choose(root, '#pg-model', 'sc');
    expect((await runNow(root)).verdict).toBe('Never');
    await page.close();
  });

  it('says Inconclusive, and which limit, when a run reaches one; never a verdict from part of the executions', async () => {
    const page = await browser.context.newPage();
    const root = await openPlayground(page, site.url);
    await root.locator('.pg-limits summary').click();
    await choose(root, '#pg-maxEvents', '10');
    const run = await runNow(root, () => root.locator('button[data-example="patch"]').click());
    expect(run.status).toBe('inconclusive');
    expect(run.verdict).toBe('Inconclusive');
    expect(run.text).toContain('No verdict under lkmm: the exploration stopped because an execution has more than 10 events (the limit on events).');
    expect(run.text).toContain('Limits: 10 events per execution');
    expect(run.text).not.toMatch(/\b(Never|Sometimes|Always)\b/);
    expect(await root.locator('.pg-repair').isHidden()).toBe(true);
    // Back to the default limit: a verdict.
    await choose(root, '#pg-maxEvents', '200');
    expect((await runNow(root)).verdict).toBe('Never');
    await page.close();
  });

  it('keeps the test, model, flush and limits in the browser: a reload brings them back, a share link wins over them, and Reset to example starts again', async () => {
    const page = await browser.context.newPage();
    let root = await openPlayground(page, site.url);
    const mine = 'C mine\n\n{}\n\nP0(int *x)\n{\n\tWRITE_ONCE(*x, 1);\n}\n\nexists (x=1)\n';
    await runNow(root, () => root.locator('button[data-example="sb"]').click());
    const sb = await playgroundSource(root);
    await pasteIntoPlayground(page, root, mine);
    await choose(root, '#pg-model', 'tso');
    await choose(root, '#pg-flush', 'broadcast');
    await root.locator('.pg-limits summary').click();
    await choose(root, '#pg-maxEvents', '50');
    await root.locator('#pg-maxMemoryMb').fill('256');
    const settings = async () => Promise.all(['#pg-model', '#pg-flush', '#pg-maxEvents', '#pg-maxMemoryMb'].map((s) => root.locator(s).inputValue()));

    const reopen = async () => {
      await page.reload();
      await page.waitForSelector('[data-playground][data-ready]', { timeout: 60_000 });
      return page.locator('[data-playground]');
    };
    root = await reopen();
    expect(await playgroundSource(root)).toBe(mine);
    expect(await settings()).toEqual(['tso', 'broadcast', '50', '256']);
    expect(await root.locator('.pg-loaded').innerText()).toContain('as you left them (kept in this browser)');
    // The limits kept are the limits the worker runs under.
    expect((await runNow(root)).text).toContain('Limits: 50 events per execution, 5,000,000 candidate executions, 120 s, 256 MB of memory.');

    // A share link wins over what is kept; a reload (the link dropped) brings one's own test back.
    const theirs = 'C theirs\n\n{}\n\nP0(int *y)\n{\n\tWRITE_ONCE(*y, 2);\n}\n\nexists (y=2)\n';
    const link = await shareUrl(`${site.url}/playground/`, { kind: 'playground', code: theirs, model: 'sc' });
    root = await openPlayground(page, site.url, new URL(link).hash, { keep: true });
    expect(await playgroundSource(root)).toBe(theirs);
    expect(await settings()).toEqual(['sc', '', '200', '1024']);
    expect(await root.locator('.wb-share-host').innerText()).toContain('Your own test stays kept in this browser until you change this one');
    root = await reopen();
    expect(await playgroundSource(root)).toBe(mine);
    expect(await settings()).toEqual(['tso', 'broadcast', '50', '256']);

    // Reset to example: the example the test came from, the default settings, and that is what a reload shows.
    await root.locator('button.pg-reset').click();
    expect(await playgroundSource(root)).toBe(sb);
    expect(await settings()).toEqual(['lkmm', '', '200', '1024']);
    root = await reopen();
    expect(await playgroundSource(root)).toBe(sb);
    expect(await settings()).toEqual(['lkmm', '', '200', '1024']);
    expect(JSON.parse((await page.evaluate((key) => localStorage.getItem(key), keptPlaygroundKey))!)).toMatchObject({ version: 1, code: sb, model: 'lkmm', example: 'sb' });
    await page.close();
  });

  it('checks the memory limit as it is typed: out of range it says why and does not run; in range the run and a share link use it', async () => {
    const page = await browser.context.newPage();
    const root = await openPlayground(page, site.url);
    await root.locator('.pg-limits summary').click();
    const memory = root.locator('#pg-maxMemoryMb');
    const problem = root.locator('#pg-memory-problem');
    expect(await memory.inputValue()).toBe('1024');
    expect(await problem.isHidden()).toBe(true);
    for (const bad of ['8', '5000', '12.5', '']) {
      await memory.fill(bad);
      expect(await memory.getAttribute('aria-invalid'), bad).toBe('true');
      expect(await problem.innerText()).toBe('The memory limit must be a whole number of MB from 16 to 4,096.');
    }
    await root.locator('details.pg-limits summary').click(); // closed: Run opens it again and goes to the field
    await root.locator('button.pg-run').click();
    await root.locator('.pg-result', { hasText: 'Not run: The memory limit must be a whole number of MB from 16 to 4,096.' }).waitFor();
    expect(await root.locator('.pg-result').getAttribute('data-status')).toBe('invalid');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pg-maxMemoryMb');
    expect(await root.locator('details.pg-limits').getAttribute('open')).not.toBeNull();

    await memory.fill('64');
    expect(await memory.getAttribute('aria-invalid')).toBeNull();
    expect(await problem.isHidden()).toBe(true);
    const run = await runNow(root);
    expect(run.verdict).toBe('Sometimes');
    expect(run.text).toContain('120 s, 64 MB of memory.');
    const snapshot = await root.evaluate((el) => (el as HTMLElement & { playground: { snapshot(): { budget?: unknown } } }).playground.snapshot());
    expect(snapshot.budget).toEqual({ maxMemoryMb: 64 });
    await page.close();
  });

  it('shows a long run\'s progress, and Stop ends it with no verdict; a time limit makes the same test Inconclusive, and the next run works', async () => {
    const page = await browser.context.newPage();
    const root = await openPlayground(page, site.url);
    // Four CPUs storing three times each to one variable: more orders of stores than any run explores quickly.
    const cpu = (t: number) => `P${t}(int *x, int *y)\n{\n\tint r0;\n\tint r1;\n\n\tWRITE_ONCE(*x, ${t * 3 + 1});\n\tWRITE_ONCE(*y, ${t * 3 + 2});\n\tr0 = READ_ONCE(*x);\n\tr1 = READ_ONCE(*y);\n\tWRITE_ONCE(*x, ${t * 3 + 3});\n}\n`;
    await pasteIntoPlayground(page, root, `C heavy\n\n{}\n\n${[0, 1, 2, 3].map(cpu).join('\n')}\nexists (0:r0=0)\n`);
    await root.locator('#pg-model').selectOption('lkmm');
    await root.locator('button.pg-run').click();
    const status = root.locator('.pg-result');
    await status.filter({ hasText: /^Exploring every execution under lkmm… [1-9]\.\d s \(the limit is 120 s\)\.$/ }).waitFor({ timeout: 30_000 });
    expect(await root.locator('button.pg-stop').isDisabled()).toBe(false);
    await root.locator('button.pg-stop').click();
    await status.filter({ hasText: 'Stopped: no verdict. Run again to explore every execution.' }).waitFor();
    expect(await status.getAttribute('data-status')).toBe('inconclusive');
    expect(await root.locator('button.pg-stop').isDisabled()).toBe(true);

    await root.locator('.pg-limits summary').click();
    await root.locator('#pg-maxMillis').selectOption('1000');
    const limited = await runNow(root);
    expect(limited.verdict).toBe('Inconclusive');
    expect(limited.text).toContain('No verdict under lkmm: the exploration stopped because the time limit of 1 s ran out.');

    // A fresh worker for the next run.
    expect((await runNow(root, () => root.locator('button[data-example="mp"]').click())).verdict).toBe('Sometimes');
    await page.close();
  });

  it('runs a test pasted in herd7\'s own form (a doc string, a comment, locations), and the line above the editor stops naming the example', async () => {
    const page = await browser.context.newPage();
    const root = await openPlayground(page, site.url);
    const loaded = root.locator('.pg-loaded');
    expect(await loaded.innerText()).toMatch(/^MP: Message passing/);
    const herd = [
      'C MP+once+release-acquire', '"Written the way herd7\'s generated tests start"', '', '(* a comment before the initial state *)', '',
      '{', '  x = 0;', '  y = 0;', '}', '',
      'P0(int *x, int *y)', '{', '\tWRITE_ONCE(*x, 1);', '\tsmp_store_release(y, 1);', '}', '',
      'P1(int *x, int *y)', '{', '\tint r0;', '\tint r1;', '', '\tr0 = smp_load_acquire(y);', '\tr1 = READ_ONCE(*x);', '}', '',
      'locations [x; y]', 'exists (1:r0=1 /\\ 1:r1=0)', '',
    ].join('\n');
    await pasteIntoPlayground(page, root, herd);
    const run = await runNow(root);
    expect(run.verdict, run.text).toBe('Never');
    // The final states list the locations the test asked for.
    expect(await root.locator('.pg-states tbody').innerText()).toContain('[x]=1; [y]=1');
    // The editor holds the learner's test now, not MP: the line says so, and how to get the example back.
    expect(await loaded.innerText()).toBe('Your own test. Reset to example goes back to the MP example.');
    await root.locator('button:has-text("Reset to example")').click();
    await expect.poll(() => playgroundSource(root)).toMatch(/^C mp\b/);
    expect(await loaded.innerText()).toMatch(/^MP: Message passing.*Back to the example/);
    await page.close();
  });

  it('answers a broken test with its errors, line and column, and marks them in the editor', async () => {
    const page = await browser.context.newPage();
    const root = await openPlayground(page, site.url);
    const source = await root.evaluate((el) => (el as HTMLElement & { playground: { source: string } }).playground.source);
    await pasteIntoPlayground(page, root, source.replace('READ_ONCE(*msg);', 'READ_ONCE(*msg;'));
    await root.locator('.pg-editor .squiggly-error').first().waitFor({ timeout: 15_000 });
    const run = await runNow(root);
    expect(run.verdict).toBe('Invalid');
    expect(run.text).toMatch(/Line 22, column \d+: expected '\)'/);
    expect(await root.locator('.pg-browser').isHidden()).toBe(true);
    await page.close();
  });

  it('passes axe in light and dark, and reads in light, dark and at phone width (screenshots)', async () => {
    const page = await browser.context.newPage();
    const shoot = async (name: string) => {
      const root = await openPlayground(page, site.url);
      await choose(root, '#pg-model', 'lkmm');
      await runNow(root, () => root.locator('button[data-example="sb"]').click());
      await root.locator('.pg-repair ul li').first().waitFor({ timeout: 60_000 });
      await root.locator('.pg-execution .wb-play-button').click();
      await root.locator('.pg-execution .wb-play-lane').first().waitFor();
      await root.locator('.pg-execution .wb-option').first().click();
      await root.locator('.pg-execution .wb-play-status').filter({ hasText: /Last:/ }).waitFor();
      // The limits open, one of them wrong: axe and the screenshots see the memory field and its message too.
      await root.locator('.pg-limits summary').click();
      await root.locator('#pg-maxMemoryMb').fill('9');
      await root.locator('#pg-memory-problem').waitFor();
      await screenshotSection(page, page.locator('main'), `${results}/playground-${name}.png`);
      return root;
    };
    await shoot('light');
    await expectNoViolations(page, 'the playground after a run, light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot('dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expectNoViolations(page, 'the playground after a run, dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot('phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'the page scrolls sideways at phone width').toBeLessThanOrEqual(0);
    await page.close();
  });
});


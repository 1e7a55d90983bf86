// Driving the playground as a learner does: open it, put a test in the
// editor (pasted), choose the settings, press Run and read the result, and
// move through the executions.
import type { Locator, Page } from 'playwright-core';
import { editorTakesKeys } from './editor-focus.ts';

/** The playground's root element, with its API for reading what the editor holds. */
type PlaygroundRoot = HTMLElement & { playground?: { source: string } };

/** The key the playground keeps its test and settings under (src/playground/playground-store.ts). */
export const keptPlaygroundKey = 'barrier-lab:playground:v1';

/**
 * Opens the playground (with `hash`, e.g. a share link's) and waits until its
 * editor works. Unless `keep`, it first forgets what an earlier test left in
 * the browser's storage, so the playground opens at its first example.
 */
export async function openPlayground(page: Page, siteUrl: string, hash = '', { keep = false } = {}): Promise<Locator> {
  if (!keep) {
    // Forgotten by the next load of the site in this tab, once (a reload after it keeps what the page kept since).
    const once = `barrier-lab-e2e-fresh-${Math.random()}`;
    await page.addInitScript(([origin, key, token]) => {
      if (window !== window.top || location.origin !== origin || sessionStorage.getItem(token)) return;
      sessionStorage.setItem(token, '1');
      localStorage.removeItem(key);
    }, [new URL(siteUrl).origin, keptPlaygroundKey, once] as const);
  }
  // From elsewhere, so the page loads afresh (from the playground itself only the fragment would change).
  if (hash) await page.goto('about:blank');
  const response = await page.goto(`${siteUrl}/playground/${hash}`);
  if (response?.status() !== 200) throw new Error(`/playground/ answered ${response?.status()}`);
  await page.waitForSelector('[data-playground][data-ready]', { timeout: 60_000 });
  return page.locator('[data-playground]');
}

/** What the editor holds now. */
export function playgroundSource(root: Locator): Promise<string> {
  return root.evaluate((el) => (el as PlaygroundRoot).playground?.source ?? '');
}

/** Replaces the editor's text by `text`, pasted (select all, Ctrl+V), as a learner would. */
export async function pasteIntoPlayground(page: Page, root: Locator, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  for (let attempt = 0; attempt < 3; attempt++) {
    const lines = root.locator('.pg-editor .view-lines');
    await lines.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const box = (await lines.boundingBox())!;
    await page.mouse.click(box.x + 12, box.y + 8);
    if (!(await editorTakesKeys(root.locator('.pg-editor')))) continue;
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('ControlOrMeta+V');
    const arrived = await page.waitForFunction(([el, t]) => (el as PlaygroundRoot).playground?.source === t, [await root.elementHandle(), text] as const, { timeout: 5_000 })
      .then(() => true, () => false);
    if (arrived) return;
  }
  throw new Error(`the playground's editor does not hold the pasted text; it holds:\n${await playgroundSource(root)}`);
}

/** A run's result as the page shows it. */
export interface ShownRun {
  /** correct (the test's claim holds), incorrect, inconclusive, invalid or error. */
  readonly status: string;
  /** Sometimes, Never, Always, Inconclusive or Invalid. */
  readonly verdict: string;
  readonly text: string;
}

/** Presses Run (or runs `trigger`) and waits for the next result. */
export async function runNow(root: Locator, trigger?: () => Promise<void>): Promise<ShownRun> {
  const status = root.locator('.pg-result');
  const before = Number((await status.getAttribute('data-runs')) ?? 0);
  if (trigger) await trigger();
  else await root.locator('button.pg-run').click();
  await root.page().waitForFunction(([el, n]) => Number((el as HTMLElement).dataset.runs ?? 0) > n, [await status.elementHandle(), before] as const, { timeout: 90_000 });
  return { status: (await status.getAttribute('data-status')) ?? '', verdict: (await status.getAttribute('data-verdict')) ?? '', text: await status.innerText() };
}

/** Waits until the browser shows execution number `index` (0-based), drawn. */
export async function waitForExecution(root: Locator, index: number): Promise<void> {
  await root.page().waitForSelector(`.pg-browser[data-shown="${index}"] .pg-execution .wb-lanes`, { timeout: 60_000 });
}

/** The number (0-based) of the execution drawn now. */
export async function shownExecution(root: Locator): Promise<number> {
  await root.page().waitForSelector('.pg-browser[data-shown] .pg-execution .wb-lanes', { timeout: 60_000 });
  return Number(await root.locator('.pg-browser').getAttribute('data-shown'));
}

// A beginner's typical wrong answer (a barrier on the writer's side only, a
// prediction that trusts x86) was answered with the counterexample alone:
// "Not yet: ... this final state is possible", and nothing on what the
// answer misses. The exercise's author foresaw these mistakes and wrote what
// each misses; the result now says it, under the sentence, on a phone in
// dark mode too. Screenshots in e2e-results/.
import { describe, expect, it } from 'vitest';
import { exercise, type CodeExercise, type PredictExercise } from '@barrier-lab/exercises';
import { launchBrowser, results, useSiteInBrowser } from './browser.ts';
import { answerPrediction, checkNow, openExercise, pasteIntoEditor, screenshotSection } from './workbench-driver.ts';

describe('a mistake the exercise foresaw', () => {
  const { site, browser } = useSiteInBrowser();

  it('a barrier on the writer\'s side only: the result says the reader is still unordered, and a wrong answer it did not foresee gets no such words', async () => {
    const page = await browser.context.newPage();
    const mp = exercise('mp-wmb-rmb') as CodeExercise;
    const note = mp.wrong.find((w) => w.file === 'wrong-only-wmb.litmus')!.note;
    const section = await openExercise(page, site.url, mp.id);
    await pasteIntoEditor(page, section, mp.starter.source.replace('\tWRITE_ONCE(*msg, 1);\n', '\tWRITE_ONCE(*msg, 1);\n\tsmp_wmb();\n'));
    const result = await checkNow(section);
    expect(result.status).toBe('incorrect');
    const status = section.locator('[role="status"].wb-result');
    const mistake = status.locator('p.wb-mistake');
    expect(await mistake.innerText()).toBe(note);
    // Right under the sentence, before the score.
    expect(result.text.indexOf(note)).toBeGreaterThan(result.text.indexOf('Not yet'));
    expect(result.text.indexOf(note)).toBeLessThan(result.text.indexOf('Score 0'));
    await screenshotSection(page, section, `${results}/foreseen-mistake-writer-only.png`);

    await pasteIntoEditor(page, section, mp.starter.source);
    const starter = await checkNow(section);
    expect(starter.status).toBe('incorrect');
    expect(await mistake.count()).toBe(0);
    await page.close();
  });

  it('a prediction that trusts x86, on a phone in dark mode: the words are there, readable, and inside the screen', async () => {
    const phone = await launchBrowser({ phone: true });
    try {
      await phone.context.addInitScript(() => localStorage.setItem('starlight-theme', 'dark'));
      const page = await phone.context.newPage();
      const sb = exercise('sb-which-models') as PredictExercise;
      const note = sb.wrong.find((w) => w.file === 'wrong-x86-is-strong.txt')!.note;
      const section = await openExercise(page, site.url, sb.id);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await answerPrediction(section, { sc: 'Never', tso: 'Never', lkmm: 'Sometimes' });
      const result = await checkNow(section);
      expect(result.status).toBe('incorrect');
      const mistake = section.locator('[role="status"].wb-result p.wb-mistake');
      expect(await mistake.innerText()).toBe(note);
      const box = (await mistake.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      // Light text on the dark result box, as the sentence above it.
      const [text, sentence] = await Promise.all([
        mistake.evaluate((el) => getComputedStyle(el).color),
        section.locator('.wb-result .wb-verdict').evaluate((el) => getComputedStyle(el).color),
      ]);
      expect(text).toBe(sentence);
      await screenshotSection(page, section, `${results}/foreseen-mistake-prediction-phone-dark.png`);
      await page.close();
    } finally {
      await phone.close();
    }
  });
});

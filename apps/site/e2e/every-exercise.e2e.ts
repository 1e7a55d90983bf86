// Every exercise of the catalog, through its chapter page as a learner meets
// it: the starter (or the blank prediction) is not accepted; a reference
// solution pasted into the editor (or chosen in the form) is correct.
import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { exercises } from '@barrier-lab/exercises';
import { dist, useSiteInBrowser } from './browser.ts';
import { answerPrediction, checkNow, openExercise, pasteIntoEditor, predictionAnswers, workbenchSource } from './workbench-driver.ts';

describe('every exercise in its chapter page', () => {
  const { site, browser } = useSiteInBrowser();

  it('covers the whole catalog: the built chapters embed every exercise once, and nothing else', async () => {
    const pages = (await readdir(`${dist}/course`, { withFileTypes: true })).filter((d) => d.isDirectory());
    const embedded: string[] = [];
    for (const page of pages) {
      const html = await readFile(`${dist}/course/${page.name}/index.html`, 'utf8');
      for (const m of html.matchAll(/data-exercise-id="([^"]+)"/g)) embedded.push(m[1]!);
    }
    expect(embedded.sort()).toEqual(exercises().map((e) => e.id).sort());
    expect(embedded.length).toBeGreaterThanOrEqual(30);
  });

  for (const e of exercises()) {
    it(`${e.id} (chapter ${e.chapter}, ${e.kind}): the starter is not accepted, a reference solution is correct`, async () => {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const section = await openExercise(page, site.url, e.id);

      const starter = await checkNow(section);
      expect(starter.status, starter.text).not.toBe('correct');
      expect(['incorrect', 'invalid', 'over-fenced']).toContain(starter.status);

      const solution = e.solutions[0]!.source;
      if (e.kind === 'predict') {
        await answerPrediction(section, predictionAnswers(solution, e.models));
        expect(await workbenchSource(section)).toBe(e.models.map((m) => `${m}: ${e.answer[m]}`).join('\n'));
      } else {
        await pasteIntoEditor(page, section, solution);
      }
      const solved = await checkNow(section);
      expect(solved.status, solved.text).toBe('correct');
      expect(solved.text).toMatch(/^Correct\./);
      expect(await section.getAttribute('data-solved')).toBe('true');
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

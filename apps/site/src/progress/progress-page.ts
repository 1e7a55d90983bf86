// The progress page's behaviour: every exercise's state from the one
// progress store (workbench/storage.ts), kept up to date as it changes (in
// this tab or another); reset one exercise or all, after a confirmation;
// export to a JSON file and import one back (refused with words when it is
// not a progress file, and then nothing changes).
import { element, replaceChildren } from '../workbench/create-element.ts';
import { progressEvent, progressKey, ProgressStore, type ExerciseProgress } from '../workbench/storage.ts';
import { progressFile, progressFileName, readProgressFile } from './progress-file.ts';

/** How an exercise stands. */
export type ExerciseStanding = 'solved' | 'attempted' | 'untouched';

/** Solved at full marks once; attempted when checked, given hints or edited; untouched otherwise. */
export function standing(p: ExerciseProgress): ExerciseStanding {
  if (p.solved) return 'solved';
  return p.attempts > 0 || p.hintsShown > 0 || p.code !== undefined ? 'attempted' : 'untouched';
}

/** Wires the page in `root` (the server-rendered tables) to `store`. */
export function mountProgressPage(root: HTMLElement, store = new ProgressStore()): void {
  const rows = [...root.querySelectorAll<HTMLTableRowElement>('tr[data-progress-exercise]')];
  const known = new Set(rows.map((r) => r.dataset.progressExercise!));
  const message = root.querySelector<HTMLElement>('.progress-message')!;
  const dialog = root.querySelector<HTMLDialogElement>('dialog.progress-confirm')!;
  const fileInput = root.querySelector<HTMLInputElement>('input.progress-import-file')!;
  const titleOf = (id: string) => rows.find((r) => r.dataset.progressExercise === id)?.querySelector('th')?.textContent?.trim() ?? id;

  const render = () => {
    const all = store.read().exercises;
    for (const row of rows) {
      const id = row.dataset.progressExercise!;
      const p = store.exercise(id);
      const s = standing(p);
      row.dataset.standing = s;
      const statusWords = s === 'solved'
        ? `Solved${p.solvedAt ? ` on ${p.solvedAt.slice(0, 10)}` : ''}`
        : s === 'attempted' ? `Attempted${p.status ? ` (last check: ${p.status})` : ''}` : 'Untouched';
      cell(row, 'status').textContent = statusWords;
      cell(row, 'attempts').textContent = String(p.attempts);
      cell(row, 'best').textContent = p.bestScore !== undefined && p.scoreMaximum !== undefined ? `${formatScore(p.bestScore)} / ${formatScore(p.scoreMaximum)}` : '—';
      cell(row, 'hints').textContent = p.hintsShown > 3 ? '3 and the solution' : String(p.hintsShown);
      row.querySelector<HTMLButtonElement>('button.progress-reset')!.disabled = !(id in all);
    }
    for (const section of root.querySelectorAll<HTMLElement>('[data-progress-chapter]')) {
      const ids = [...section.querySelectorAll<HTMLElement>('tr[data-progress-exercise]')].map((r) => r.dataset.progressExercise!);
      const solved = ids.filter((id) => store.exercise(id).solved).length;
      section.querySelector('.progress-chapter-count')!.textContent = `${solved} of ${ids.length} solved`;
      section.dataset.complete = String(solved === ids.length);
    }
    const solved = [...known].filter((id) => store.exercise(id).solved).length;
    const attempted = [...known].filter((id) => standing(store.exercise(id)) === 'attempted').length;
    root.querySelector('.progress-summary')!.textContent = `${solved} of ${known.size} exercises solved, ${attempted} attempted, ${known.size - solved - attempted} untouched.`;
    root.querySelector<HTMLButtonElement>('button.progress-reset-all')!.disabled = Object.keys(all).length === 0;
  };

  const say = (text: string, tone: 'good' | 'bad') => {
    message.dataset.tone = tone;
    message.textContent = text;
  };

  root.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest('button');
    if (!button || !root.contains(button)) return;
    if (button.matches('.progress-reset')) {
      const id = button.dataset.reset!;
      void confirm(dialog, `Reset “${titleOf(id)}”? Its code, attempts, best score and hints on this browser are forgotten.`, 'Reset this exercise').then((yes) => {
        if (!yes) return;
        store.reset(id);
        say(`“${titleOf(id)}” is reset.`, 'good');
      });
    } else if (button.matches('.progress-reset-all')) {
      void confirm(dialog, 'Reset all your progress on this browser? Every exercise\u2019s code, attempts, best score and hints are forgotten. Export first to keep a copy.', 'Reset everything').then((yes) => {
        if (!yes) return;
        store.reset();
        say('All progress is reset.', 'good');
      });
    } else if (button.matches('.progress-export')) {
      const now = new Date();
      const blob = new Blob([JSON.stringify(progressFile(store.read(), now), null, 2)], { type: 'application/json' });
      const link = element('a', { href: URL.createObjectURL(blob), download: progressFileName(now) });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      say(`Exported to ${progressFileName(now)}.`, 'good');
    } else if (button.matches('.progress-import')) {
      fileInput.click();
    }
  });

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    void file.text().then(async (text) => {
      const read = readProgressFile(text, known);
      if (!read.ok) {
        say(`“${file.name}” was not imported. ${read.message}`, 'bad');
        return;
      }
      const records = Object.values(read.progress.exercises);
      const solved = records.filter((p) => p.solved).length;
      const left = read.ignored.length > 0 ? ` ${read.ignored.length} record${read.ignored.length === 1 ? '' : 's'} of exercises this course does not have (${read.ignored.join(', ')}) will be left out.` : '';
      const yes = await confirm(dialog, `Replace your progress on this browser with “${file.name}”? It holds ${records.length} exercise${records.length === 1 ? '' : 's'}, ${solved} solved.${left}`, 'Replace my progress');
      if (!yes) {
        say('Import cancelled: nothing was changed.', 'good');
        return;
      }
      store.replace(read.progress);
      say(`Imported “${file.name}”: ${records.length} exercise${records.length === 1 ? '' : 's'}, ${solved} solved.${read.ignored.length > 0 ? ` Left out: ${read.ignored.join(', ')}.` : ''}`, 'good');
    }, (error: unknown) => say(`“${file.name}” could not be read (${(error as Error).message}). Nothing was changed.`, 'bad'));
  });

  render();
  window.addEventListener(progressEvent, render);
  window.addEventListener('storage', (event) => {
    if (event.key === progressKey || event.key === null) render();
  });
  root.dataset.ready = 'true';
}

function cell(row: HTMLTableRowElement, name: string): HTMLElement {
  return row.querySelector<HTMLElement>(`[data-cell="${name}"]`)!;
}

function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(2).replace(/0$/, '');
}

/** Asks `question` in the page's dialog; resolves true when `yes` is chosen. */
function confirm(dialog: HTMLDialogElement, question: string, yes: string): Promise<boolean> {
  const text = dialog.querySelector<HTMLElement>('.progress-confirm-text')!;
  const confirmButton = dialog.querySelector<HTMLButtonElement>('button[value="confirm"]')!;
  replaceChildren(text, question);
  confirmButton.textContent = yes;
  dialog.returnValue = '';
  dialog.showModal();
  dialog.querySelector<HTMLButtonElement>('button[value="cancel"]')!.focus();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
  });
}

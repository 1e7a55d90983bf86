// The events a workbench fires on its host element, for whatever embeds it:
// the embed route tells its parent page, a web component re-fires them, a
// docs page may listen. Both bubble and cross shadow roots (composed).
import type { ProgressStatus } from './storage.ts';

/** Fired after every graded check (the exercise's own models and flush flavour). */
export const checkedEvent = 'barrier-lab:checked';

/** Fired after a graded check that solved the exercise (every time, not only the first). */
export const solvedEvent = 'barrier-lab:solved';

/** The `detail` of both events: plain JSON. */
export interface WorkbenchCheckedDetail {
  readonly exercise: string;
  /** check()'s status: correct, incorrect, over-fenced, invalid or inconclusive. */
  readonly status: ProgressStatus;
  /** The score of this check, and the most it could be. */
  readonly score: { readonly given: number; readonly maximum: number };
  /** Graded checks made so far on this browser, this one included. */
  readonly attempts: number;
  /** Whether the exercise has been solved on this browser (now or before). */
  readonly solved: boolean;
}

/** Fires `checkedEvent` (and `solvedEvent` when correct) on `host`. */
export function announceChecked(host: HTMLElement, detail: WorkbenchCheckedDetail): void {
  const fire = (type: string) => host.dispatchEvent(new CustomEvent<WorkbenchCheckedDetail>(type, { detail, bubbles: true, composed: true }));
  fire(checkedEvent);
  if (detail.status === 'correct') fire(solvedEvent);
}

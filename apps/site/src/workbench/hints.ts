// Help, one step at a time: a nudge, then the concept, then the line; then,
// on request, the reference solution; then why it is the answer. After the
// second failed try the checker's own suggestion (the cheapest repair of
// the counterexample) is offered too.
import type { Repair } from '@barrier-lab/engine/explain';
import { element, heading, replaceChildren } from './create-element.ts';
import { hangingCode } from './hanging-code.ts';
import type { ExerciseView } from './exercise-view.ts';

/** The exercise, how far the learner got, and the callbacks the ladder needs. */
export interface HintsOptions {
  readonly view: ExerciseView;
  /** Steps of help already revealed (the solution is the last), e.g. from saved progress. */
  readonly revealed: number;
  readonly onReveal: (revealed: number) => void;
  /** Puts a solution into the editor (code exercises). */
  readonly onUseSolution?: (source: string) => void;
  /** Asks the checker for its repair; resolves with it, or undefined when there is none. */
  readonly onAskRepair?: () => Promise<Repair | undefined>;
  /** The level of its heading (one below the exercise's title). */
  readonly headingLevel: number;
}

const labels: Readonly<Record<string, string>> = { nudge: 'A nudge', concept: 'The idea', line: 'The line' };

/** The hints, one at a time, then the solution, why, and the checker's fix on request. */
export class HintLadder {
  readonly root: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly button: HTMLButtonElement;
  private readonly solution: HTMLElement;
  private readonly why: HTMLElement;
  private readonly repair: HTMLElement;
  private revealed: number;

  constructor(private readonly options: HintsOptions) {
    this.revealed = Math.max(0, Math.min(options.view.help.length, options.revealed));
    this.list = element('ol', { class: 'wb-hints-list', 'aria-live': 'polite' });
    this.button = element('button', { type: 'button', class: 'wb-button', onclick: () => this.next() });
    this.solution = element('div', { class: 'wb-solution' });
    this.why = element('div', { class: 'wb-why', hidden: true });
    this.repair = element('div', { class: 'wb-repair', 'aria-live': 'polite' });
    this.root = element('div', { class: 'wb-hints' },
      heading(options.headingLevel, {}, 'Stuck?'),
      this.list, this.button, this.repair, this.solution, this.why);
    this.render();
  }

  /** Shows "why" (after a correct answer, or with the solution). */
  showWhy(): void {
    if (!this.why.hidden) return;
    replaceChildren(this.why, heading(this.options.headingLevel + 1, {}, 'Why this is the answer'), element('p', {}, this.options.view.why));
    this.why.hidden = false;
  }

  /** Offers the checker's suggestion (after the second failed try). */
  offerRepair(): void {
    const ask = this.options.onAskRepair;
    if (!ask || this.repair.childElementCount > 0) return;
    const button: HTMLButtonElement = element('button', {
      type: 'button', class: 'wb-button',
      onclick: async () => {
        button.disabled = true;
        button.textContent = 'Searching for the cheapest fix…';
        try {
          const found = await ask();
          replaceChildren(this.repair, repairWords(found));
        } catch (error) {
          button.disabled = false;
          button.textContent = 'Ask the checker for a fix';
          this.repair.append(element('p', {}, `No suggestion this time: ${(error as Error).message}`));
        }
      },
    }, 'Ask the checker for a fix');
    // It stays while the learner goes on trying: no count of tries in it, which the next one would make wrong.
    replaceChildren(this.repair, element('p', {}, 'Still stuck? The checker can search for the cheapest barriers that forbid your latest counterexample.'), button);
  }

  private next(): void {
    this.revealed = Math.min(this.options.view.help.length, this.revealed + 1);
    this.options.onReveal(this.revealed);
    this.render();
    // The button is gone once the solution shows: the focus goes to the solution.
    if (this.revealed >= this.options.view.help.length) this.solution.querySelector<HTMLElement>('h2, h3, h4, h5, h6')?.focus();
  }

  private render(): void {
    const steps = this.options.view.help;
    const hints = steps.filter((step) => step.level !== 'solution');
    const solution = steps.find((step) => step.level === 'solution');
    const shown = Math.min(this.revealed, hints.length);
    replaceChildren(this.list, ...hints.slice(0, shown).map((step) =>
      element('li', {}, element('strong', {}, `${labels[step.level] ?? step.level}: `), step.text)));
    this.button.textContent = this.revealed < hints.length
      ? `Show a hint (${this.revealed + 1} of ${hints.length})`
      : 'Show the reference solution';
    this.button.hidden = this.revealed > hints.length || (this.revealed === hints.length && !solution);
    if (this.revealed > hints.length && solution?.level === 'solution') {
      replaceChildren(this.solution,
        heading(this.options.headingLevel + 1, { tabindex: '-1' }, 'Reference solution'),
        element('pre', { tabindex: '0', 'aria-label': `Reference solution (${solution.file})` }, hangingCode(solution.source)),
        this.options.onUseSolution
          ? element('button', { type: 'button', class: 'wb-button', onclick: () => this.options.onUseSolution?.(solution.source) }, 'Put this solution in the editor')
          : null);
      this.showWhy();
    }
  }
}

/** The checker's repair in words: its edits and the pairings they form (or why there is none). */
export function repairWords(repair: Repair | undefined): HTMLElement {
  if (!repair) return element('p', {}, 'The checker has no suggestion for this answer.');
  if (repair.status !== 'found') return element('p', {}, repair.message);
  return element('div', {},
    element('p', {}, `The checker's cheapest fix (cost ${repair.cost}):`),
    element('ul', {}, ...repair.edits.map((e) => element('li', {}, e.description))),
    ...repair.pairings.map((p) => element('p', { class: 'wb-pairing' }, p.message)));
}

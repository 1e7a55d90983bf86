// The final states of a run as a table: each state's values (named by their
// kernel constants where the program used one), how many executions end in
// it, whether it is the outcome the test asks about, and a button that shows
// one of its executions.
import { element, replaceChildren } from '../workbench/create-element.ts';
import type { VerdictSummary } from './playground-protocol.ts';

/** The states of the last run. */
export class StatesTable {
  readonly root: HTMLElement;

  constructor(private readonly onShow: (state: number) => void) {
    this.root = element('div', { class: 'pg-states' });
    this.root.hidden = true;
  }

  /** Shows the states of `verdict`. */
  show(verdict: VerdictSummary): void {
    const bad = verdict.quantifier !== 'forall';
    const caption = verdict.status === 'complete'
      ? `Final states under ${verdict.model}: every way the test can end.`
      : `Final states under ${verdict.model} found before the exploration stopped (there may be more).`;
    const rows = verdict.states.map((state, i) => {
      const entries = state.entries.map((e) => `${e.target}=${e.named ? `${e.named} (${e.value})` : e.value}`);
      const values = entries.join('; ');
      // One piece per variable, each kept whole: a narrow column wraps between them, never inside.
      const shown = entries.flatMap((entry, k) => [element('code', { class: 'pg-entry' }, `${entry}${k < entries.length - 1 ? ';' : ''}`), k < entries.length - 1 ? ' ' : '']);
      return element('tr', { 'data-state': i, class: state.satisfies === bad ? 'pg-state-bad' : '' },
        element('td', {}, ...shown),
        element('td', { class: 'pg-count' }, state.executions.toLocaleString('en')),
        element('td', {}, state.satisfies === bad ? 'Yes: the outcome asked about' : 'No'),
        element('td', {}, element('button', { type: 'button', class: 'wb-button pg-show-state', onclick: () => this.onShow(i), 'aria-label': `Show one execution that ends in ${values}` }, 'Show one')));
    });
    replaceChildren(this.root, element('table', {},
      element('caption', {}, caption),
      element('thead', {}, element('tr', {},
        element('th', { scope: 'col' }, 'State'),
        element('th', { scope: 'col' }, 'Executions'),
        element('th', { scope: 'col' }, 'Reaches the outcome?'),
        element('th', { scope: 'col' }, element('span', { class: 'sr-only' }, 'Browse')))),
      element('tbody', {}, ...rows)));
    this.root.hidden = false;
  }

  clear(): void {
    replaceChildren(this.root);
    this.root.hidden = true;
  }
}

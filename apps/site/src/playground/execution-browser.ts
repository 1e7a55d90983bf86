// Browsing every execution of a run: Previous and Next through all the
// consistent executions (or only those that reach the bad outcome), each
// shown with the workbench's own explanation panel (swim lanes, graph,
// hover linking, Play it over that very execution).
import type { Explanation } from '@barrier-lab/engine/explain';
import { CheckCancelled, type CheckClient } from '../workbench/check-client.ts';
import { element, heading, replaceChildren } from '../workbench/create-element.ts';
import { ExplanationPanel } from '../workbench/explanation-panel.ts';
import type { StepPosition } from '../workbench/step-player.ts';
import type { ExecutionResponse, RunResponse } from './playground-protocol.ts';

/** What the browser needs from the page around it. */
export interface ExecutionBrowserOptions {
  readonly client: CheckClient;
  /** Highlights lines in the editor (empty: none). */
  readonly highlightLines: (lines: readonly number[]) => void;
  readonly headingLevel: number;
}

/** Where the browser is: the execution shown (its number among all) and the filter. */
export interface BrowserPosition {
  readonly index: number;
  readonly badOnly: boolean;
}

/** The executions of one run, one at a time. */
export class ExecutionBrowser {
  readonly root: HTMLElement;
  private readonly filter: HTMLInputElement;
  private readonly previous: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly where: HTMLElement;
  private readonly view: HTMLElement;
  private run: RunResponse | undefined;
  private source = '';
  private index = -1;
  private panel: ExplanationPanel | undefined;
  /** Counts the executions asked for, so a late answer to an older request is dropped. */
  private asked = 0;

  constructor(private readonly options: ExecutionBrowserOptions) {
    this.filter = element('input', { type: 'checkbox', class: 'pg-filter', onchange: () => void this.refilter() });
    this.previous = element('button', { type: 'button', class: 'wb-button', onclick: () => void this.move(-1) }, '← Previous');
    this.next = element('button', { type: 'button', class: 'wb-button', onclick: () => void this.move(1) }, 'Next →');
    this.where = element('p', { class: 'pg-where', 'aria-live': 'polite' });
    this.view = element('div', { class: 'pg-execution' });
    this.root = element('section', { class: 'pg-browser', 'aria-label': 'Every execution' },
      heading(options.headingLevel, {}, 'Every execution'),
      element('div', { class: 'pg-browser-controls' },
        this.previous, this.next,
        element('label', { class: 'pg-filter-label' }, this.filter, ' Only executions that reach the outcome')),
      this.where,
      this.view);
    this.root.hidden = true;
  }

  /** Shows the executions of `run` (of `source`), starting at `at` (default: the smallest counterexample, else the first). */
  async show(run: RunResponse, source: string, at?: BrowserPosition): Promise<void> {
    this.run = run;
    this.source = source;
    this.root.hidden = run.executions.length === 0;
    const anyBad = run.executions.some((e) => e.bad);
    this.filter.disabled = !anyBad;
    this.filter.checked = at ? at.badOnly && anyBad : anyBad;
    const start = at && at.index < run.executions.length ? at.index : run.counterexample ?? this.visible()[0] ?? 0;
    if (run.executions.length > 0) await this.open(start);
  }

  /** The execution shown and the filter (for a share link). */
  get position(): BrowserPosition | undefined {
    return this.index >= 0 ? { index: this.index, badOnly: this.filter.checked } : undefined;
  }

  /** Play it's position on the execution shown, when open. */
  get stepPosition(): StepPosition | undefined {
    return this.panel?.stepPosition;
  }

  /** Opens Play it on the execution shown, at `at`. */
  async openPlayer(at?: StepPosition): Promise<void> {
    await this.panel?.openPlayer(at);
  }

  /** Shows the first execution that ends in final state `state` (turning the filter off when it hides that state). */
  async openState(state: number): Promise<void> {
    const all = this.run?.executions ?? [];
    const index = all.findIndex((e) => e.state === state);
    if (index < 0) return;
    if (this.filter.checked && !all[index]!.bad) this.filter.checked = false;
    await this.open(index);
    this.root.scrollIntoView({ block: 'start' });
  }

  /** Clears the browser (a new run is coming). */
  clear(): void {
    this.run = undefined;
    this.index = -1;
    this.panel = undefined;
    this.asked++;
    this.root.hidden = true;
    delete this.root.dataset.shown;
    replaceChildren(this.view);
    this.where.textContent = '';
  }

  /** Indices of the executions the filter lets through. */
  private visible(): number[] {
    const all = this.run?.executions ?? [];
    return all.flatMap((e, i) => (!this.filter.checked || e.bad ? [i] : []));
  }

  private async refilter(): Promise<void> {
    const list = this.visible();
    await this.open(list.includes(this.index) ? this.index : list[0] ?? 0);
  }

  private async move(by: number): Promise<void> {
    const list = this.visible();
    const at = list.indexOf(this.index);
    const target = list[Math.min(Math.max(at + by, 0), list.length - 1)];
    if (target !== undefined && target !== this.index) await this.open(target);
  }

  private async open(index: number): Promise<void> {
    const run = this.run;
    if (!run) return;
    const ticket = ++this.asked;
    this.index = index;
    this.updateControls();
    let shown: ExecutionResponse;
    try {
      shown = await this.options.client.execution(index);
    } catch (error) {
      if (error instanceof CheckCancelled || ticket !== this.asked) return;
      replaceChildren(this.view, element('p', {}, `This execution could not be drawn: ${(error as Error).message}`));
      return;
    }
    if (ticket !== this.asked) return;
    this.panel = this.panelFor(run, shown);
    replaceChildren(this.view, this.panel.root);
    this.panel.attached();
    // Which execution is drawn (the page's tests wait for it).
    this.root.dataset.shown = String(index);
  }

  private panelFor(run: RunResponse, shown: ExecutionResponse): ExplanationPanel {
    const model = run.verdict?.model ?? 'lkmm';
    const explanation: Explanation = {
      test: run.verdict?.test ?? '',
      model,
      observation: run.verdict?.observation ?? 'Never',
      counterexampleCount: run.executions.filter((e) => e.bad).length,
      counterexample: { state: shown.state, entries: shown.entries, events: shown.timeline.steps.length },
      graph: shown.graph,
      timeline: shown.timeline,
    };
    const source = this.source;
    const flush = run.flush;
    const play = this.options.client;
    return new ExplanationPanel({
      result: { explanation, explainedModel: model },
      graphSvg: shown.graphSvg,
      highlightLines: this.options.highlightLines,
      headingLevel: this.options.headingLevel + 1,
      title: `Execution ${shown.index + 1} of ${run.executions.length}${shown.bad ? ': it reaches the outcome' : ''}`,
      planName: 'this execution',
      askedBy: 'the test',
      driver: {
        start: (token) => play.play({ type: 'play-start', source, model, replay: shown.witness, ...(flush ? { flush } : {}), ...(token ? { token } : {}) }),
        step: (choice) => play.play({ type: 'play-step', choice }),
        undo: () => play.play({ type: 'play-undo' }),
        reset: () => play.play({ type: 'play-reset' }),
      },
    });
  }

  private updateControls(): void {
    const run = this.run;
    const list = this.visible();
    const at = list.indexOf(this.index);
    this.previous.disabled = at <= 0;
    this.next.disabled = at < 0 || at >= list.length - 1;
    if (!run) return;
    const total = run.executions.length;
    const all = run.verdict ? run.verdict.observed.positive + run.verdict.observed.negative : total;
    const state = run.verdict?.states[run.executions[this.index]?.state ?? -1];
    const ends = state ? ` It ends in ${state.entries.map((e) => `${e.target}=${e.named ?? e.value}`).join(', ')}.` : '';
    const cut = all > total ? ` (the first ${total.toLocaleString('en')} of ${all.toLocaleString('en')} are kept)` : '';
    this.where.textContent = this.filter.checked
      ? `Execution ${this.index + 1} of ${total}: number ${at + 1} of the ${list.length} that reach the outcome${cut}.${ends}`
      : `Execution ${this.index + 1} of ${total}${cut}.${ends}`;
  }
}

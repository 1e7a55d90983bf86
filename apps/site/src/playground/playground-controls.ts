// The playground's settings and buttons: the model, how TLB flushes behave,
// the exploration's limits (shown, and changeable so a run can be cut short
// on purpose; the memory limit is a number, checked as it is typed), Run,
// Stop, Share and Reset to example; and the examples one click away.
import type { Budget } from '@barrier-lab/engine';
import { element } from '../workbench/create-element.ts';
import type { FlushFlavour, ModelName } from '../workbench/exercise-view.ts';
import { budgetOf, isMemoryLimit, memoryLimitMb } from './playground-budget.ts';
import type { PlaygroundExample } from './playground-view.ts';

/** What the buttons do. */
export interface PlaygroundActions {
  readonly run: () => void;
  readonly stop: () => void;
  readonly share: () => void;
  readonly load: (example: PlaygroundExample) => void;
  /** Back to the example the test came from, with the default settings. */
  readonly reset: () => void;
  /** A setting changed (the model, the flush, a limit). */
  readonly changed: () => void;
}

const modelWords: Readonly<Record<ModelName, string>> = {
  sc: 'sc: sequential consistency',
  tso: 'tso: x86',
  lkmm: 'lkmm: the Linux kernel memory model',
};

/** The limits chosen from a list (the memory limit is typed). */
type PlaygroundLimit = 'maxMillis' | 'maxCandidates' | 'maxEvents';

const limitChoices = {
  maxMillis: [[1_000, '1 s'], [10_000, '10 s'], [120_000, '120 s']],
  maxCandidates: [[10_000, '10,000'], [1_000_000, '1,000,000'], [5_000_000, '5,000,000']],
  maxEvents: [[10, '10'], [50, '50'], [200, '200']],
} as const satisfies Record<PlaygroundLimit, readonly (readonly [number, string])[]>;

/** The settings and buttons of the playground. */
export class PlaygroundControls {
  readonly root: HTMLElement;
  readonly examples: HTMLElement;
  readonly runButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly shareButton: HTMLButtonElement;
  private readonly modelSelect: HTMLSelectElement;
  private readonly flushSelect: HTMLSelectElement;
  private readonly testFlush: HTMLOptionElement;
  private readonly limits: Record<PlaygroundLimit, HTMLSelectElement>;
  private readonly memoryInput: HTMLInputElement;
  private readonly memoryProblem: HTMLElement;
  private readonly resetButton: HTMLButtonElement;

  constructor(examples: readonly PlaygroundExample[], private readonly defaults: Budget, actions: PlaygroundActions) {
    this.runButton = element('button', { type: 'button', class: 'wb-button wb-check pg-run', disabled: true, onclick: actions.run }, 'Run');
    this.stopButton = element('button', { type: 'button', class: 'wb-button pg-stop', disabled: true, onclick: actions.stop }, 'Stop');
    this.shareButton = element('button', { type: 'button', class: 'wb-button pg-share', disabled: true, onclick: actions.share }, 'Share');
    this.resetButton = element('button', { type: 'button', class: 'wb-button pg-reset', disabled: true, onclick: actions.reset }, 'Reset to example');
    this.modelSelect = element('select', { id: 'pg-model', class: 'wb-select' },
      ...(['lkmm', 'tso', 'sc'] as const).map((m) => element('option', { value: m }, modelWords[m])));
    this.testFlush = element('option', { value: '' }, 'as the test says');
    this.flushSelect = element('select', { id: 'pg-flush', class: 'wb-select' },
      this.testFlush,
      element('option', { value: 'ipi' }, 'IPI, waits for every CPU'),
      element('option', { value: 'broadcast' }, 'broadcast, waits for nobody'));
    const limit = (key: PlaygroundLimit, label: string) => {
      const select = element('select', { id: `pg-${key}`, class: 'wb-select' },
        ...limitChoices[key].map(([value, words]) => element('option', { value: String(value) }, words)));
      select.value = String(defaults[key]);
      select.addEventListener('change', actions.changed);
      return { select, label: element('label', { for: select.id, class: 'wb-setting' }, label, select) };
    };
    const time = limit('maxMillis', 'Time');
    const candidates = limit('maxCandidates', 'Candidate executions');
    const events = limit('maxEvents', 'Events per execution');
    this.limits = { maxMillis: time.select, maxCandidates: candidates.select, maxEvents: events.select };
    this.memoryProblem = element('p', { id: 'pg-memory-problem', class: 'pg-limit-problem', hidden: true });
    this.memoryInput = element('input', {
      id: 'pg-maxMemoryMb', class: 'wb-select pg-memory', type: 'number', inputmode: 'numeric', required: true,
      min: String(memoryLimitMb.min), max: String(memoryLimitMb.max), step: '1', value: String(this.defaultMemory),
      'aria-describedby': 'pg-memory-problem',
    });
    this.memoryInput.addEventListener('input', () => {
      this.showMemoryProblem();
      actions.changed();
    });
    const memory = element('label', { for: this.memoryInput.id, class: 'wb-setting' }, 'Memory (MB)', this.memoryInput);
    this.modelSelect.addEventListener('change', actions.changed);
    this.flushSelect.addEventListener('change', actions.changed);
    this.root = element('div', { class: 'pg-controls' },
      element('div', { class: 'wb-settings' },
        element('label', { for: 'pg-model', class: 'wb-setting' }, 'Model ', this.modelSelect),
        element('label', { for: 'pg-flush', class: 'wb-setting' }, 'TLB flushes ', this.flushSelect)),
      element('details', { class: 'pg-limits' },
        element('summary', {}, 'Limits of the exploration'),
        element('p', { class: 'pg-limits-help' }, 'A run that reaches a limit stops and says “Inconclusive”: it never guesses a verdict from part of the executions.'),
        element('div', { class: 'wb-settings' }, time.label, candidates.label, events.label, memory),
        this.memoryProblem),
      element('div', { class: 'wb-actions' }, this.runButton, this.stopButton, this.shareButton, this.resetButton));
    const group = (which: PlaygroundExample['group'], title: string) => element('div', { class: 'pg-example-group', role: 'group', 'aria-label': title },
      element('span', { class: 'pg-example-title' }, `${title}:`),
      ...examples.filter((e) => e.group === which).map((e) =>
        element('button', { type: 'button', class: 'wb-button pg-example', 'data-example': e.id, title: e.summary, onclick: () => actions.load(e) }, e.label)));
    this.examples = element('div', { class: 'pg-examples' }, group('shapes', 'Shapes'), group('patch', 'The patch'));
  }

  /** Turns the buttons on once the editor is ready. */
  enable(): void {
    this.runButton.disabled = false;
    this.shareButton.disabled = false;
    this.resetButton.disabled = false;
  }

  /** The memory limit typed, if it is one the playground accepts. */
  get memoryLimit(): number | undefined {
    const typed = this.memoryInput.value.trim();
    const value = /^\d+$/.test(typed) ? Number(typed) : Number.NaN;
    return isMemoryLimit(value) ? value : undefined;
  }

  /** Why the settings cannot run as they are (a memory limit out of range), or undefined. */
  get problem(): string | undefined {
    return this.memoryLimit === undefined
      ? `The memory limit must be a whole number of MB from ${memoryLimitMb.min} to ${memoryLimitMb.max.toLocaleString('en')}.`
      : undefined;
  }

  /** Takes the reader to the limit that is wrong. */
  focusProblem(): void {
    const details = this.root.querySelector('details.pg-limits');
    if (details instanceof HTMLDetailsElement) details.open = true;
    this.memoryInput.focus();
  }

  private get defaultMemory(): number {
    return this.defaults.maxMemoryMb ?? memoryLimitMb.max;
  }

  private showMemoryProblem(): void {
    const problem = this.problem;
    this.memoryProblem.hidden = problem === undefined;
    this.memoryProblem.textContent = problem ?? '';
    if (problem) this.memoryInput.setAttribute('aria-invalid', 'true');
    else this.memoryInput.removeAttribute('aria-invalid');
  }

  /** While a run is on: Stop works. */
  set running(on: boolean) {
    this.stopButton.disabled = !on;
  }

  get model(): ModelName {
    return this.modelSelect.value as ModelName;
  }

  /** The flush flavour chosen; undefined: as the test says. */
  get flush(): FlushFlavour | undefined {
    return (this.flushSelect.value || undefined) as FlushFlavour | undefined;
  }

  /** The limits chosen. */
  get budget(): Budget {
    return budgetOf({
      maxMillis: Number(this.limits.maxMillis.value),
      maxCandidates: Number(this.limits.maxCandidates.value),
      maxEvents: Number(this.limits.maxEvents.value),
      ...(this.memoryLimit === undefined ? {} : { maxMemoryMb: this.memoryLimit }),
    }, this.defaults);
  }

  /** The limits that differ from the engine's defaults (what a share link keeps). */
  get changedBudget(): Partial<Budget> | undefined {
    const defaults = this.defaults;
    const chosen = this.budget;
    const changed = (Object.keys(chosen) as (keyof Budget)[]).filter((k) => chosen[k] !== defaults[k]);
    return changed.length > 0 ? Object.fromEntries(changed.map((k) => [k, chosen[k]])) : undefined;
  }

  /** Sets everything (from a share link or the kept state; undefined: the defaults); a limit that is not among the choices is added as one. */
  set(model: ModelName, flush: FlushFlavour | undefined, budget: Partial<Budget> | undefined): void {
    this.modelSelect.value = model;
    this.flushSelect.value = flush ?? '';
    const chosen = budgetOf(budget, this.defaults);
    for (const key of Object.keys(this.limits) as PlaygroundLimit[]) {
      const select = this.limits[key];
      const value = String(chosen[key]);
      if (![...select.options].some((o) => o.value === value)) select.append(element('option', { value }, Number(value).toLocaleString('en')));
      select.value = value;
    }
    this.memoryInput.value = String(chosen.maxMemoryMb ?? this.defaultMemory);
    this.showMemoryProblem();
  }

  /** Says which flavour "as the test says" was in the last run. */
  showTestFlush(flush: FlushFlavour | undefined): void {
    this.testFlush.textContent = flush ? `as the test says (${flush === 'ipi' ? 'IPI' : 'broadcast'})` : 'as the test says';
  }
}

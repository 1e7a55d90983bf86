// "Play it": step mode over a counterexample. The learner is the machine:
// each CPU's lane shows what it ran and offers what it may run next — the
// next statement in program order, or under lkmm a later one it may run
// ahead to (shown apart, with the reason), and for a read each store it may
// read. Undo, Reset, and the counterexample itself one step at a time or to
// the end. The session lives in the check worker; this is its view.
import type { CpuChoices, StepChoice, StepOption, StepState, StoreRef } from '@barrier-lab/engine/step';
import { element, heading, replaceChildren } from './create-element.ts';
import { followWords, memoryWords, optionWords, outcomeWords, takenWords } from './step-words.ts';
import type { PlayResponse } from './worker-protocol.ts';

/** The session's moves, answered by the worker. */
export interface PlayDriver {
  /** Starts the session; with `token`, at that position (a share link's). */
  start(token?: string): Promise<PlayResponse>;
  step(choice: StepChoice): Promise<PlayResponse>;
  undo(): Promise<PlayResponse>;
  reset(): Promise<PlayResponse>;
}

/** The session's driver, its model, and where to report hovered lines. */
export interface StepPlayerOptions {
  readonly driver: PlayDriver;
  /** The model the counterexample is under (for the words). */
  readonly model: string;
  /** A line pointed at in the lanes (undefined when left). */
  readonly onLineHover?: (line: number | undefined) => void;
  /** The level of its heading (its lanes' headings are one below). */
  readonly headingLevel: number;
  /** What the steps followed are (default "the counterexample"; the playground plays any execution). */
  readonly planName?: string;
  /** Who asks about the outcome the end is measured against (default "the exercise"; the playground's "the test"). */
  readonly askedBy?: string;
}

/** Where a session is: the engine's step token and how many first steps follow the plan (for a share link). */
export interface StepPosition {
  readonly token: string;
  readonly matched: number;
}

/** Play it: the view of one step-mode session (see the file's header). */
export class StepPlayer {
  readonly root: HTMLElement;
  private readonly status: HTMLElement;
  private readonly lanes: HTMLElement;
  private readonly nextButton: HTMLButtonElement;
  private readonly endButton: HTMLButtonElement;
  private readonly undoButton: HTMLButtonElement;
  private readonly resetButton: HTMLButtonElement;
  private current: PlayResponse | undefined;
  /** How many first steps of the history are the counterexample's (all of them while on track). */
  private matched = 0;
  private busy = false;

  private readonly plan: string;

  constructor(private readonly options: StepPlayerOptions) {
    this.plan = options.planName ?? 'the counterexample';
    this.nextButton = element('button', { type: 'button', class: 'wb-button', onclick: () => void this.followCounterexample(1) }, `Next step of ${this.plan}`);
    this.endButton = element('button', { type: 'button', class: 'wb-button', onclick: () => void this.followCounterexample(Infinity) }, 'Play it to the end');
    this.undoButton = element('button', { type: 'button', class: 'wb-button', onclick: () => void this.move(() => this.options.driver.undo(), 'undo') }, 'Undo');
    this.resetButton = element('button', { type: 'button', class: 'wb-button', onclick: () => void this.move(() => this.options.driver.reset(), 'reset') }, 'Reset');
    this.status = element('p', { class: 'wb-play-status', 'aria-live': 'polite' }, 'Starting…');
    this.lanes = element('div', { class: 'wb-play-lanes' });
    this.root = element('div', { class: 'wb-play' },
      heading(options.headingLevel, {}, 'Play it'),
      element('p', {}, `You are the machine (${options.model}). Pick which CPU runs next and, for a read, which store it reads. Steps a CPU may take ahead of its program order are listed apart.`),
      element('div', { class: 'wb-play-controls' }, this.nextButton, this.endButton, this.undoButton, this.resetButton),
      this.status,
      this.lanes);
    this.updateButtons();
  }

  /** Starts (or restarts) the session; with `at`, at that position (a share link's). */
  async start(at?: StepPosition): Promise<void> {
    await this.move(() => this.options.driver.start(at?.token), 'reset');
    if (at && this.current) {
      this.matched = Math.min(at.matched, this.current.state.history.length);
      this.render();
    }
  }

  /** Where the session is now (undefined before it started). */
  get position(): StepPosition | undefined {
    const token = this.current?.token;
    return token ? { token, matched: this.matched } : undefined;
  }

  /** Where the history is in the counterexample, or undefined once it left it. */
  get counterexamplePosition(): number | undefined {
    const r = this.current;
    return r?.counterexample && this.matched === r.state.history.length ? this.matched : undefined;
  }

  private async followCounterexample(count: number): Promise<void> {
    const plan = this.current?.counterexample;
    if (!plan) return;
    for (let i = 0; i < count; i++) {
      const at = this.counterexamplePosition;
      if (at === undefined || at >= plan.length) break;
      const ok = await this.move(() => this.options.driver.step(plan[at]!), 'step', true);
      if (!ok) break;
    }
  }

  private async choose(option: StepOption): Promise<void> {
    const plan = this.current?.counterexample;
    const at = this.counterexamplePosition;
    const expected = plan && at !== undefined ? plan[at] : undefined;
    const stays = expected !== undefined && this.current !== undefined && sameChoice(option.choice, expected, this.current.state);
    await this.move(() => this.options.driver.step(option.choice), 'step', stays);
    this.focusLane(option.choice.cpu);
  }

  private async move(request: () => Promise<PlayResponse>, kind: 'step' | 'undo' | 'reset', staysOnTrack = false): Promise<boolean> {
    // Buttons stay enabled while the worker answers (disabling the focused one would drop the
    // keyboard focus); a click meanwhile is ignored.
    if (this.busy) return false;
    this.busy = true;
    try {
      const wasOnTrack = this.counterexamplePosition !== undefined;
      const next = await request();
      if (kind === 'step' && staysOnTrack && wasOnTrack) this.matched++;
      this.matched = Math.min(this.matched, next.state.history.length);
      this.current = next;
      this.render();
      return true;
    } catch (error) {
      this.status.textContent = `Step mode stopped: ${(error as Error).message}`;
      return false;
    } finally {
      this.busy = false;
    }
  }

  private render(): void {
    const r = this.current!;
    const plan = r.counterexample;
    const at = this.counterexamplePosition;
    const last = r.state.history[r.state.history.length - 1];
    const where = plan
      ? followWords(this.plan, at, plan.length)
      : r.replayProblem ? `Nothing to follow: ${r.replayProblem}.` : '';
    const restored = r.tokenProblem ? ` The shared step position could not be restored (${r.tokenProblem}); this is the start.` : '';
    // `Last: step 4, line 28: ...`, not `Last: 4. line 28: ...` (the list's numbering read as a sentence).
    const lastWords = last ? ` Last: ${takenWords(last, 'status')}.` : '';
    // The bad outcome (`bad`: an exists condition met, or a forall broken) is the one asked about, as the check's words say it.
    const askedBy = this.options.askedBy ?? 'the exercise';
    const outcome = r.outcome ? ` ${outcomeWords(r.outcome, askedBy)}` : '';
    this.status.textContent = `${where}${lastWords}${outcome}${restored}`;
    // The focused element of the player's own tree (the page's, or a web component's shadow root).
    const focused = (this.lanes.getRootNode() as Document | ShadowRoot).activeElement;
    replaceChildren(this.lanes, ...r.state.cpus.map((cpu) => this.lane(cpu.cpu, r.state, r.choices.find((c) => c.cpu === cpu.cpu))), memoryRow(r.state));
    this.updateButtons();
    // A control that just turned off (Next at the end, Undo at the start) hands the focus on.
    if (focused instanceof HTMLButtonElement && focused.disabled) {
      [this.undoButton, this.nextButton, this.resetButton].find((b) => !b.disabled)?.focus();
    }
  }

  private lane(cpu: number, state: StepState, choices: CpuChoices | undefined): HTMLElement {
    const view = state.cpus.find((c) => c.cpu === cpu)!;
    const taken = state.history.filter((t) => t.event.cpu === cpu);
    const inOrder = choices?.options.filter((o) => !o.ahead) ?? [];
    const ahead = choices?.options.filter((o) => o.ahead) ?? [];
    // The option the counterexample takes next (while the learner follows it) is marked, so
    // "Next step" is never a mystery and a learner may take it by hand.
    const plan = this.current?.counterexample;
    const at = this.counterexamplePosition;
    const expected = plan && at !== undefined ? plan[at] : undefined;
    const button = (o: StepOption) => {
      const isNext = expected !== undefined && sameChoice(o.choice, expected, state);
      const b = element('button', {
        type: 'button', class: `wb-option${o.ahead ? ' wb-option-ahead' : ''}${isNext ? ' wb-option-next' : ''}`, 'data-cpu': cpu, onclick: () => void this.choose(o),
      }, optionWords(o), isNext ? element('span', { class: 'wb-option-next-mark' }, ` — ${this.plan}'s next step`) : null);
      b.addEventListener('mouseenter', () => this.options.onLineHover?.(o.event.line));
      b.addEventListener('mouseleave', () => this.options.onLineHover?.(undefined));
      return b;
    };
    return element('div', { class: 'wb-play-lane', role: 'group', 'aria-label': `CPU ${cpu}` },
      heading(this.options.headingLevel + 1, {}, `CPU ${cpu}`, element('span', { class: 'wb-play-cpu-status' }, ` · ${view.status === 'done' ? 'finished' : view.status === 'blocked' ? 'waiting' : 'ready'}`)),
      taken.length > 0 ? element('ol', { class: 'wb-play-taken' }, ...taken.map((t) => element('li', { class: t.ahead ? 'wb-taken-ahead' : '' }, takenWords(t, 'list')))) : null,
      inOrder.length > 0 ? element('div', { class: 'wb-play-options', role: 'group', 'aria-label': `CPU ${cpu}: next in program order` },
        element('p', { class: 'wb-play-options-head' }, 'In program order:'), ...inOrder.map(button)) : null,
      ahead.length > 0 ? element('div', { class: 'wb-play-options wb-play-ahead', role: 'group', 'aria-label': `CPU ${cpu}: run ahead` },
        element('p', { class: 'wb-play-options-head' }, 'Run ahead (the model allows it):'),
        ...aheadGroups(ahead).map((group) => element('div', { class: 'wb-ahead-option' }, ...group.options.map(button), element('p', { class: 'wb-ahead-reason' }, group.reason)))) : null,
      view.status === 'blocked' && inOrder.length + ahead.length === 0 ? element('p', { class: 'wb-play-waiting' }, 'Waiting: no step of this CPU keeps the execution possible yet.') : null);
  }

  private focusLane(cpu: number): void {
    const next = this.lanes.querySelector<HTMLButtonElement>(`button[data-cpu="${cpu}"]`) ?? this.lanes.querySelector<HTMLButtonElement>('button.wb-option');
    (next ?? this.undoButton).focus();
  }

  private updateButtons(): void {
    const r = this.current;
    const at = this.counterexamplePosition;
    const canFollow = r?.counterexample !== undefined && at !== undefined && at < r.counterexample.length;
    this.nextButton.disabled = !canFollow;
    this.endButton.disabled = !canFollow;
    this.undoButton.disabled = !r || r.state.history.length === 0;
    this.resetButton.disabled = !r || r.state.history.length === 0;
  }
}

/** Run-ahead options in order, those in a row with the same reason (one read, several stores) under one telling of it. */
function aheadGroups(options: readonly StepOption[]): { options: StepOption[]; reason: string }[] {
  const groups: { options: StepOption[]; reason: string }[] = [];
  for (const o of options) {
    const reason = o.reason ?? '';
    const last = groups.at(-1);
    if (last && last.reason === reason) last.options.push(o);
    else groups.push({ options: [o], reason });
  }
  return groups;
}

function memoryRow(state: StepState): HTMLElement {
  return element('p', { class: 'wb-play-memory' }, 'Memory now: ', memoryWords(state.memory));
}

/** Whether `option` is the step `expected` of the counterexample (the option may leave out the index of the next event). */
function sameChoice(option: StepChoice, expected: StepChoice, state: StepState): boolean {
  if (option.cpu !== expected.cpu) return false;
  const next = state.cpus.find((c) => c.cpu === option.cpu)?.next?.index;
  const index = (c: StepChoice) => c.index ?? next;
  return index(option) === index(expected) && sameStore(option.readFrom, expected.readFrom) && sameStore(option.coAfter, expected.coAfter);
}

function sameStore(a: StoreRef | undefined, b: StoreRef | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

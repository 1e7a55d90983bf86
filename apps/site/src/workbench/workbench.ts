// The exercise workbench: one exercise made interactive. It mounts on any
// element (in the course, the <Exercise> section with its readable no-JS
// content) given the exercise's view data, and owns its editor (or its
// prediction form), its check worker, its result, its explanation and its
// hints. Nothing here knows about Starlight: a playground or an embed mounts
// the same way with `mountWorkbench(element, view)`.
import type { Repair } from '@barrier-lab/engine/explain';
import { CheckCancelled, CheckClient, type PlayRequest, type Unnumbered } from './check-client.ts';
import { CodeEditor } from './code-editor.ts';
import { element, replaceChildren } from './create-element.ts';
import { ExplanationPanel } from './explanation-panel.ts';
import type { ExerciseView, FlushFlavour, ModelName } from './exercise-view.ts';
import { HintLadder } from './hints.ts';
import { lockedLinesOf } from './locked-lines-guard.ts';
import { loadMonaco } from './monaco-loader.ts';
import { PredictionForm } from './predict-form.ts';
import { codePieces, resultWords } from './result-words.ts';
import { ProgressStore } from './storage.ts';
import { PredictionExplanations, type ModelStepPosition } from './prediction-explanations.ts';
import type { PlayDriver } from './step-player.ts';
import { WorkbenchControls } from './workbench-controls.ts';
import { announceChecked } from './workbench-events.ts';
import './workbench.css';
import type { CheckResponse } from './worker-protocol.ts';

/** What a host may pass in; everything has a default. */
export interface WorkbenchOptions {
  readonly client?: CheckClient;
  readonly store?: ProgressStore;
  /** The page a share link to this exercise opens (an absolute URL; default: this page); false: no Share button. */
  readonly sharePage?: string | false;
}

/** What a share link holds of a workbench: the code, the settings, and Play it's position on the checked code. */
export interface WorkbenchSnapshot {
  readonly code: string;
  readonly models?: readonly ModelName[];
  readonly flush?: FlushFlavour;
  /** Play it's position; `model` says which wrong prediction's block it is in (absent: the only or first one). */
  readonly step?: ModelStepPosition;
}

/** A mounted workbench. */
export interface Workbench {
  /** Resolves once the editor is ready (Check works from then on). */
  readonly ready: Promise<void>;
  /** What would be checked now: the editor's text, or the prediction as text. */
  readonly source: string;
  /** Runs a check of what is in the editor or the form (graded unless the settings say otherwise). */
  check(): Promise<void>;
  /** The state now, as a share link holds it. */
  snapshot(): WorkbenchSnapshot;
  /**
   * Puts in a shared state (or, with 'starter', the starter code) with `note`
   * said above the editor. With a step position it checks the code (never
   * graded) and opens Play it there. The learner's own code is offered back.
   */
  restore(state: WorkbenchSnapshot | 'starter', note?: string): Promise<void>;
  dispose(): void;
}

/** Makes `host` the workbench of `view`. */
export function mountWorkbench(host: HTMLElement, view: ExerciseView, options: WorkbenchOptions = {}): Workbench {
  const bench = new ExerciseWorkbench(host, view, options.client ?? new CheckClient(), options.store ?? new ProgressStore(), options.sharePage);
  return bench;
}

const lintDelay = 300;

class ExerciseWorkbench implements Workbench {
  readonly ready: Promise<void>;
  private editor: CodeEditor | undefined;
  private form: PredictionForm | undefined;
  private explanation: ExplanationPanel | PredictionExplanations | undefined;
  private readonly controls: WorkbenchControls;
  private readonly status: HTMLElement;
  private readonly explainHost: HTMLElement;
  private readonly refusal: HTMLElement;
  private readonly hints: HintLadder;
  private lintTimer: ReturnType<typeof setTimeout> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private checksShown = 0;
  private readonly headingLevel: number;
  private lastFailed: string | undefined;
  /** The code the explanation shown is about (a share link's step position belongs to it). */
  private explained: string | undefined;
  private readonly shareHost: HTMLElement;
  /** Under the editor: "Loading the editor…" until it is there, then how to use it (none for a prediction). */
  private readonly editorHelp: HTMLElement;

  constructor(
    private readonly host: HTMLElement, private readonly view: ExerciseView, private readonly client: CheckClient, private readonly store: ProgressStore,
    private readonly sharePage: string | false | undefined,
  ) {
    const saved = store.exercise(view.id);
    // The workbench's headings go one level below the host's title (an h2 in the course).
    const title = host.querySelector('h1, h2, h3, h4, h5');
    this.headingLevel = (title ? Number(title.tagName.slice(1)) : 2) + 1;
    this.controls = new WorkbenchControls(view, {
      check: () => void this.check(),
      reset: () => this.resetToStarter(),
      ...(sharePage === false ? {} : { share: () => void this.share() }),
    });
    this.shareHost = element('div', { class: 'wb-share-host' });
    this.status = element('div', { class: 'wb-result', role: 'status', 'aria-live': 'polite', 'data-status': 'none' });
    this.explainHost = element('div', { class: 'wb-explain-host' });
    this.refusal = element('p', { class: 'wb-refusal', 'aria-live': 'assertive' });
    this.hints = new HintLadder({
      view,
      revealed: saved.hintsShown,
      onReveal: (revealed) => store.update(view.id, { hintsShown: revealed }),
      ...(view.kind !== 'predict' ? { onUseSolution: (source: string) => this.editor?.replaceAll(source) } : {}),
      onAskRepair: () => this.askRepair(),
      headingLevel: this.headingLevel,
    });
    const editorHost = element('div', { class: 'wb-editor', 'data-loading': 'true' });
    // Until the editor is there, Check is greyed out and the code above it is
    // plain text: say why, so a slow download does not look like a dead page.
    this.editorHelp = element('p', { class: 'wb-editor-help', 'data-loading': 'true' }, 'Loading the editor… Check works once it is ready.');
    const root = element('div', { class: 'wb' },
      editorHost,
      this.editorHelp,
      this.refusal,
      this.predictForm(saved.code),
      this.controls.root,
      this.shareHost,
      this.status,
      this.explainHost,
      this.hints.root);
    host.append(root);
    host.classList.add('wb-mounted');
    host.addEventListener('keydown', (event) => {
      // Inside the editor its own Ctrl/Cmd+Enter action checks; here, the rest of the workbench.
      if ((event.target as Element | null)?.closest('.monaco-editor')) return;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void this.check();
      }
    });
    if (saved.solved) this.markSolved();
    this.ready = this.createEditor(editorHost, saved.code);
    this.ready.catch(() => this.editorHelp.remove()); // the failure is said by whoever mounted it
  }

  async check(): Promise<void> {
    await this.runCheck(this.controls.isGraded);
  }

  /** A check; `graded` false makes it a try (other settings, or a shared link's code). */
  private async runCheck(graded: boolean, tryLabel = this.controls.tryLabel): Promise<void> {
    await this.ready;
    const source = this.source;
    this.saveNow(source);
    this.status.dataset.status = 'checking';
    this.status.setAttribute('aria-busy', 'true');
    replaceChildren(this.status, element('p', { class: 'wb-verdict' }, 'Checking every execution…'));
    let response: CheckResponse;
    try {
      response = await this.client.check({
        exercise: this.view.id, source,
        ...(this.controls.models ? { models: this.controls.models } : {}),
        ...(this.controls.flush ? { flush: this.controls.flush } : {}),
      });
    } catch (error) {
      if (error instanceof CheckCancelled) return; // a newer Check took over
      this.status.dataset.status = 'error';
      this.status.removeAttribute('aria-busy');
      replaceChildren(this.status, element('p', { class: 'wb-verdict' }, `The checker failed: ${(error as Error).message}`));
      return;
    }
    this.showResult(response, graded, source, tryLabel);
  }

  snapshot(): WorkbenchSnapshot {
    const step = this.explained === this.source ? this.explanation?.stepPosition : undefined;
    return {
      code: this.source,
      ...(this.controls.models ? { models: this.controls.models } : {}),
      ...(this.controls.flush ? { flush: this.controls.flush } : {}),
      ...(step ? { step } : {}),
    };
  }

  async restore(state: WorkbenchSnapshot | 'starter', note?: string): Promise<void> {
    await this.ready;
    const own = this.source;
    const code = state === 'starter' ? this.view.starter : state.code;
    if (this.form) {
      this.form.text = code;
      this.saveNow(code);
    } else {
      this.editor?.replaceAll(code);
    }
    if (state !== 'starter') this.controls.setSettings(state.models, state.flush);
    const { showShareNote } = await import('../share/share-panel.ts');
    showShareNote(this.shareHost, note ?? '', own !== code && own !== this.view.starter ? () => this.putText(own) : undefined);
    if (state !== 'starter' && state.step) {
      const label = [this.controls.tryLabel, 'from a shared link'].filter(Boolean).join(' ');
      await this.runCheck(false, label);
      await this.explanation?.openPlayer(state.step);
    }
  }

  private async share(): Promise<void> {
    const [{ shareUrl }, { fingerprint }, { showShareLink }] = await Promise.all([
      import('../share/share-url.ts'), import('../share/share-link.ts'), import('../share/share-panel.ts'),
    ]);
    const snapshot = this.snapshot();
    const page = this.sharePage || `${location.origin}${location.pathname}${location.search}`;
    const url = await shareUrl(page, { kind: 'exercise', exercise: this.view.id, ...snapshot, starter: fingerprint(this.view.starter) });
    showShareLink(this.shareHost, url, snapshot.step ? 'The link opens this code, these settings and Play it at this step.' : 'The link opens this code with these settings.');
  }

  dispose(): void {
    clearTimeout(this.lintTimer);
    clearTimeout(this.saveTimer);
    this.editor?.dispose();
    this.client.dispose();
  }

  private showResult(response: CheckResponse, graded: boolean, source: string, tryLabel: string): void {
    const { result } = response;
    const words = resultWords(response, { graded, fromForm: this.view.kind === 'predict', ...(graded ? {} : { tryLabel }) });
    this.status.dataset.status = result.status;
    this.status.dataset.checkMs = response.ms.toFixed(1);
    this.status.dataset.checks = String(++this.checksShown);
    this.status.removeAttribute('aria-busy');
    replaceChildren(this.status,
      element('p', { class: `wb-verdict wb-tone-${words.tone}` }, element('strong', {}, `${words.verdict}. `), ...withCode(words.summary)),
      words.mistake ? element('p', { class: 'wb-mistake' }, ...withCode(words.mistake)) : null,
      words.details.length > 0 ? element('ul', { class: 'wb-details' }, ...words.details.map((d) => element('li', {}, ...withCode(d)))) : null);
    if (this.view.kind !== 'predict') this.editor?.setDiagnostics(result.diagnostics);
    this.form?.showResults(result.predictions ?? []);
    this.showExplanation(response, source);
    if (!graded) return;
    const before = this.store.exercise(this.view.id);
    const attempts = before.attempts + 1;
    const after = this.store.update(this.view.id, {
      status: result.status, attempts, ...(result.status === 'correct' ? { solved: true } : {}),
      bestScore: Math.max(before.bestScore ?? 0, response.score.given), scoreMaximum: response.score.maximum,
    });
    announceChecked(this.host, { exercise: this.view.id, status: result.status, score: response.score, attempts, solved: after.solved });
    if (result.status === 'correct') {
      this.markSolved();
      this.hints.showWhy();
    }
    if (result.status === 'incorrect') {
      this.failures++;
      this.lastFailed = source;
      if (this.failures >= 2) this.hints.offerRepair();
    }
  }

  private showExplanation(response: CheckResponse, checked: string): void {
    const { result } = response;
    this.explanation = undefined;
    this.explained = checked;
    this.editor?.highlightLines([]);
    if (result.status !== 'incorrect' || !result.explanation) {
      replaceChildren(this.explainHost);
      return;
    }
    const model = result.explainedModel ?? 'lkmm';
    const source = this.view.kind === 'predict' ? this.view.program ?? '' : checked;
    const flush = this.controls.flush ?? this.view.flush;
    const play = (request: Unnumbered<PlayRequest>) => this.client.play(request);
    const driver = (under: ModelName): PlayDriver => ({
      start: (token) => play({ type: 'play-start', source, model: under, ...(flush ? { flush } : {}), ...(token ? { token } : {}) }),
      step: (choice) => play({ type: 'play-step', choice }),
      undo: () => play({ type: 'play-undo' }),
      reset: () => play({ type: 'play-reset' }),
    });
    if (result.explanations && result.explanations.length > 0) {
      // A prediction: every wrong model in its own block.
      this.explanation = new PredictionExplanations({
        explanations: result.explanations,
        graphSvgs: response.graphSvgs ?? {},
        driver,
        highlightLines: (lines) => this.editor?.highlightLines(lines),
        headingLevel: this.headingLevel,
      });
      replaceChildren(this.explainHost, this.explanation.root);
      this.explanation.attached();
      return;
    }
    this.explanation = new ExplanationPanel({
      result,
      ...(response.graphSvg ? { graphSvg: response.graphSvg } : {}),
      highlightLines: (lines) => this.editor?.highlightLines(lines),
      headingLevel: this.headingLevel,
      driver: driver(model),
    });
    replaceChildren(this.explainHost, this.explanation.root);
    this.explanation.attached();
  }

  private async askRepair(): Promise<Repair | undefined> {
    const source = this.lastFailed ?? this.source;
    const response = await this.client.check({ exercise: this.view.id, source, explain: 'full' });
    return response.result.explanation?.repair;
  }

  private predictForm(saved: string | undefined): HTMLElement | null {
    if (this.view.kind !== 'predict') return null;
    this.form = new PredictionForm(`wb-${this.view.id}`, this.view.models, this.view.question ?? '', saved ?? this.view.starter, (text) => this.saveSoon(text));
    return this.form.root;
  }

  private async createEditor(host: HTMLElement, saved: string | undefined): Promise<void> {
    const monaco = await loadMonaco();
    const view = this.view;
    const predict = view.kind === 'predict';
    this.editor = new CodeEditor(monaco, host, {
      value: predict ? view.program ?? '' : saved ?? view.starter,
      label: predict ? `The program of ${view.title} (read only)` : `Code of the exercise ${view.title}`,
      vocabulary: view.vocabulary,
      barriers: view.barriers,
      ...(predict
        ? { readOnly: 'This program is fixed: predict what it can do, below.' }
        : { locked: { lines: lockedLinesOf(view.starter, view.lockedLines), rule: view.mayChange } }),
      onChange: (text) => {
        this.refusal.textContent = '';
        this.saveSoon(text);
        this.lintSoon(text);
      },
      onCheck: () => void this.check(),
      onRefused: (message) => {
        this.refusal.textContent = message;
      },
      onLineHover: (line) => this.explanation?.link(line ? [line] : []),
    });
    host.removeAttribute('data-loading');
    this.editorHelp.removeAttribute('data-loading');
    if (predict) this.editorHelp.remove();
    else this.editorHelp.textContent = 'Shaded lines are locked. Ctrl+Enter (⌘+Enter) checks; Tab moves on to the buttons.';
    this.host.querySelector('.exercise-code')?.setAttribute('hidden', '');
    this.controls.enable();
    if (!predict) this.lintSoon(this.editor.value);
  }

  get source(): string {
    return this.form ? this.form.text : this.editor?.value ?? this.view.starter;
  }

  private resetToStarter(): void {
    const before = this.source;
    this.putText(this.view.starter);
    this.refusal.textContent = '';
    // Shown (a status of 'none' is hidden): the learner sees what happened and how to take it back.
    this.status.dataset.status = 'reset';
    // No confirmation first, but the learner's own text one click away: a visible Undo
    // (Ctrl+Z in the editor undoes it too, which a learner may not know).
    const undo = before === this.view.starter ? null : element('button', {
      type: 'button', class: 'wb-button wb-undo-reset',
      onclick: () => {
        this.putText(before);
        replaceChildren(this.status, element('p', { class: 'wb-verdict' }, 'Your code is back, as it was before the reset.'));
        // The button is gone: the keyboard goes on from what came back (the editor, or the prediction's first answer).
        // (A prediction's program is in a read-only editor too: the answers come first.)
        if (this.form) this.form.root.querySelector<HTMLInputElement>('input:checked, input')?.focus();
        else this.editor?.focus();
      },
    }, 'Undo the reset');
    replaceChildren(this.status, element('p', { class: 'wb-verdict' }, 'Back to the starter code.', undo ? ' ' : '', undo));
    replaceChildren(this.explainHost);
    this.explanation = undefined;
  }

  /** Puts `text` in the editor (an edit Ctrl+Z undoes) or the prediction form, and keeps it. */
  private putText(text: string): void {
    if (this.form) {
      this.form.text = text;
      this.saveNow(text);
    } else {
      this.editor?.replaceAll(text);
    }
  }

  private lintSoon(text: string): void {
    clearTimeout(this.lintTimer);
    this.lintTimer = setTimeout(() => {
      this.client.lint(this.view.id, text)
        .then((response) => {
          if (this.editor?.value === text) this.editor.setDiagnostics(response.diagnostics);
        })
        .catch(() => {
          // Cancelled with a check's worker: the check's result brings its own diagnostics.
        });
    }, lintDelay);
  }

  private saveSoon(text: string): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(text), 400);
  }

  private saveNow(text: string): void {
    clearTimeout(this.saveTimer);
    this.store.update(this.view.id, { code: text });
  }

  private markSolved(): void {
    this.host.dataset.solved = 'true';
    const title = this.host.querySelector('h1, h2, h3, h4');
    if (title && !title.querySelector('.wb-solved-badge')) {
      title.append(' ', element('span', { class: 'wb-solved-badge' }, 'Solved'));
    }
  }
}

/** `text` with its backtick-quoted code as `<code>` (a result's sentence or detail: "did you mean `smp_wmb()`?"). */
function withCode(text: string): (Node | string)[] {
  return codePieces(text).map((p) => (p.code ? element('code', {}, p.text) : p.text));
}

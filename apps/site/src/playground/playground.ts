// The playground: any litmus test or kernel-C program, run under any model
// in the check worker, with the whole result: the verdict (or why there is
// none), the final states, every execution to browse (lanes, graph, Play
// it), why an impossible outcome is impossible, and the cheapest repair.
// It reuses the workbench's editor, worker, panels and share links. The
// test and the settings are kept in the browser (playground-store.ts) and
// come back on reload; a share link in the URL wins over them.
import { CheckCancelled, CheckClient } from '../workbench/check-client.ts';
import { CodeEditor } from '../workbench/code-editor.ts';
import { element, heading, replaceChildren } from '../workbench/create-element.ts';
import { ExplanationPanel } from '../workbench/explanation-panel.ts';
import { repairWords } from '../workbench/hints.ts';
import { loadMonaco } from '../workbench/monaco-loader.ts';
import '../workbench/workbench.css';
import type { SharedPlayground } from '../share/share-link.ts';
import { showShareLink, showShareNote } from '../share/share-panel.ts';
import { decodeFragment, shareFragment, shareUrl } from '../share/share-url.ts';
import { ExecutionBrowser, type BrowserPosition } from './execution-browser.ts';
import { PlaygroundControls } from './playground-controls.ts';
import { PlaygroundStore } from './playground-store.ts';
import type { RunResponse } from './playground-protocol.ts';
import { StatesTable } from './states-table.ts';
import { runWords } from './run-words.ts';
import type { PlaygroundExample, PlaygroundView } from './playground-view.ts';
import './playground.css';

/** A mounted playground. */
export interface Playground {
  /** Resolves once the editor is ready and a shared state, if any, is restored. */
  readonly ready: Promise<void>;
  readonly source: string;
  /** Runs the test in the editor with the settings chosen. */
  run(): Promise<void>;
  /** The state now, as a share link holds it. */
  snapshot(): SharedPlayground;
}

/** Mounts the playground in `root` (replacing its no-JavaScript content). */
export function mountPlayground(root: HTMLElement, view: PlaygroundView, client = new CheckClient(), store = new PlaygroundStore()): Playground {
  return new PlaygroundPage(root, view, client, store);
}

const diagnoseDelay = 400;

class PlaygroundPage implements Playground {
  readonly ready: Promise<void>;
  private editor: CodeEditor | undefined;
  private readonly controls: PlaygroundControls;
  private readonly loaded: HTMLElement;
  private readonly shareHost: HTMLElement;
  private readonly status: HTMLElement;
  private readonly states: StatesTable;
  private readonly whyHost: HTMLElement;
  private readonly browser: ExecutionBrowser;
  private readonly repairHost: HTMLElement;
  private diagnoseTimer: ReturnType<typeof setTimeout> | undefined;
  private runs = 0;
  /** Runs whose result is shown (data-runs on the status, for whoever waits for the next one). */
  private shownRuns = 0;
  private stopped = false;
  /** The source of the run shown (Play it and share positions belong to it). */
  private ran: string | undefined;
  /** The example the test came from (what Reset to example goes back to). */
  private example: PlaygroundExample;
  /** While the page itself puts a state in (a share link, a reset): not the learner's change, so not kept. */
  private restoring = false;

  constructor(private readonly root: HTMLElement, private readonly view: PlaygroundView, private readonly client: CheckClient, private readonly store: PlaygroundStore) {
    this.example = view.examples[0]!;
    this.controls = new PlaygroundControls(view.examples, view.defaultBudget, {
      run: () => void this.run(),
      stop: () => this.stop(),
      share: () => void this.share(),
      load: (example) => this.load(example),
      reset: () => this.reset(),
      changed: () => this.keep(),
    });
    this.loaded = element('p', { class: 'pg-loaded', 'aria-live': 'polite' });
    this.shareHost = element('div', { class: 'wb-share-host' });
    this.status = element('div', { class: 'wb-result pg-result', role: 'status', 'aria-live': 'polite', 'data-status': 'none' });
    this.states = new StatesTable((state) => void this.browser.openState(state));
    this.whyHost = element('div', { class: 'pg-why' });
    this.browser = new ExecutionBrowser({ client, highlightLines: (lines) => this.editor?.highlightLines(lines), headingLevel: 2 });
    this.repairHost = element('section', { class: 'pg-repair', 'aria-label': 'The cheapest repair', hidden: true });
    const editorHost = element('div', { class: 'wb-editor pg-editor', 'data-loading': 'true' });
    replaceChildren(root,
      element('section', { class: 'pg-input', 'aria-labelledby': 'pg-input-title' },
        heading(2, { id: 'pg-input-title' }, 'Your test'),
        this.controls.examples,
        this.loaded,
        editorHost,
        element('p', { class: 'wb-editor-help' }, 'A C litmus test as herd7 reads it, with the kernel objects (ptep_get_lockless(), try_grab_folio(), ...). Ctrl+Enter (⌘+Enter) runs; Tab moves on to the buttons.'),
        this.controls.root,
        this.shareHost),
      element('section', { class: 'pg-output', 'aria-labelledby': 'pg-output-title' },
        heading(2, { id: 'pg-output-title' }, 'Result'),
        this.status,
        this.states.root,
        this.whyHost),
      this.browser.root,
      this.repairHost);
    root.classList.add('pg-mounted');
    this.ready = this.start(editorHost);
  }

  get source(): string {
    return this.editor?.value ?? '';
  }

  async run(at?: { readonly execution?: BrowserPosition; readonly step?: SharedPlayground['step'] }): Promise<void> {
    await this.ready;
    const problem = this.controls.problem;
    if (problem) {
      this.showStatus('invalid', `Not run: ${problem}`);
      this.controls.focusProblem();
      return;
    }
    const source = this.source;
    const model = this.controls.model;
    const flush = this.controls.flush;
    const budget = this.controls.budget;
    const ticket = ++this.runs;
    this.stopped = false;
    this.ran = undefined;
    this.browser.clear();
    this.states.clear();
    replaceChildren(this.whyHost);
    replaceChildren(this.repairHost);
    this.repairHost.hidden = true;
    this.editor?.highlightLines([]);
    this.controls.running = true;
    const started = performance.now();
    const progress = () => {
      const s = ((performance.now() - started) / 1000).toFixed(1);
      this.showStatus('checking', `Exploring every execution under ${model}… ${s} s (the limit is ${budget.maxMillis / 1000} s).`);
    };
    progress();
    const timer = setInterval(progress, 250);
    let run: RunResponse;
    try {
      run = await this.client.run({ source, model, budget, ...(flush ? { flush } : {}) });
    } catch (error) {
      if (!(error instanceof CheckCancelled)) this.showStatus('error', `The checker failed: ${(error as Error).message}`);
      else if (this.stopped && ticket === this.runs) this.showStatus('inconclusive', 'Stopped: no verdict. Run again to explore every execution.');
      return;
    } finally {
      clearInterval(timer);
      if (ticket === this.runs) this.controls.running = false;
    }
    if (ticket !== this.runs) return;
    this.ran = source;
    this.show(run);
    this.editor?.setDiagnostics(run.diagnostics);
    await this.browser.show(run, source, at?.execution);
    if (at?.step) await this.browser.openPlayer(at.step);
    if (run.verdict?.status === 'complete' && run.executions.some((e) => e.bad)) await this.findRepair(ticket);
  }

  snapshot(): SharedPlayground {
    const onRun = this.ran === this.source;
    const execution = onRun ? this.browser.position : undefined;
    const step = onRun ? this.browser.stepPosition : undefined;
    const budget = this.controls.changedBudget;
    return {
      kind: 'playground', code: this.source, model: this.controls.model,
      ...(this.controls.flush ? { flush: this.controls.flush } : {}),
      ...(budget ? { budget } : {}),
      ...(execution ? { execution } : {}),
      ...(step ? { step } : {}),
    };
  }

  private async start(editorHost: HTMLElement): Promise<void> {
    const monaco = await loadMonaco();
    const first = this.view.examples[0]!;
    const kept = this.store.read();
    this.example = this.view.examples.find((e) => e.id === kept?.example) ?? first;
    this.editor = new CodeEditor(monaco, editorHost, {
      value: kept?.code ?? first.source,
      label: 'Litmus test or kernel-C program',
      vocabulary: this.view.vocabulary,
      barriers: this.view.barriers,
      onChange: (text) => {
        this.diagnoseSoon(text);
        this.keep();
        this.sayWhoseTest(text);
      },
      onCheck: () => void this.run(),
      onLineHover: () => undefined,
    });
    editorHost.removeAttribute('data-loading');
    this.root.querySelector('.pg-nojs')?.remove();
    this.controls.enable();
    if (kept) this.controls.set(kept.model, kept.flush, kept.budget);
    this.loaded.textContent = kept
      ? 'Your test and settings as you left them (kept in this browser). Reset to example starts again from the example.'
      : `${first.label}: ${first.summary}`;
    // A link in the URL now, or pasted into the address bar later (only the fragment changes).
    await this.openShared(first);
    window.addEventListener('hashchange', () => void this.openShared(first));
  }

  /** Puts in the state of a `#share=` link in the URL (then drops it from the URL); a link that cannot be read leaves `fallback` and says why. */
  private async openShared(fallback: PlaygroundExample): Promise<void> {
    const fragment = shareFragment(location.hash);
    if (!fragment) return;
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    const decoded = await decodeFragment(fragment);
    if (!decoded.ok || decoded.state.kind !== 'playground') {
      const why = decoded.ok ? 'it is a link to an exercise, not to the playground' : decoded.problem.message;
      this.editor?.replaceAll(fallback.source);
      this.loaded.textContent = `${fallback.label}: ${fallback.summary}`;
      showShareNote(this.shareHost, `This share link could not be opened: ${why}. The playground shows the ${fallback.label} example instead.`);
      return;
    }
    const shared = decoded.state;
    const ownKept = this.store.read() !== undefined;
    this.restoring = true;
    try {
      this.editor?.replaceAll(shared.code);
      this.controls.set(shared.model, shared.flush, shared.budget);
    } finally {
      this.restoring = false;
    }
    this.loaded.textContent = '';
    showShareNote(this.shareHost, `Opened from a share link: the test, the model, the settings${shared.execution ? ', the execution shown' : ''}${shared.step ? ' and the step position' : ''} as they were shared.${ownKept ? ' Your own test stays kept in this browser until you change this one: reload the page to get it back.' : ''}`);
    // Not awaited: `ready` means the editor works, and run() waits for it.
    queueMicrotask(() => void this.run({ ...(shared.execution ? { execution: shared.execution } : {}), ...(shared.step ? { step: shared.step } : {}) }));
  }

  private show(run: RunResponse): void {
    const words = runWords(run);
    const status = !run.verdict ? 'invalid' : run.verdict.status === 'inconclusive' ? 'inconclusive' : words.tone === 'good' ? 'correct' : 'incorrect';
    this.status.dataset.status = status;
    this.status.dataset.verdict = words.verdict;
    this.status.dataset.runMs = run.ms.toFixed(1);
    this.status.dataset.runs = String(++this.shownRuns);
    this.status.removeAttribute('aria-busy');
    replaceChildren(this.status,
      element('p', { class: `wb-verdict wb-tone-${words.tone}` }, element('strong', {}, `${words.verdict}. `), words.summary),
      words.details.length > 0 ? element('ul', { class: 'wb-details' }, ...words.details.map((d) => element('li', {}, d))) : null);
    this.controls.showTestFlush(run.flush);
    if (run.verdict) this.states.show(run.verdict);
    const e = run.explanation;
    if (e?.whyForbidden) {
      const panel = new ExplanationPanel({
        result: { explanation: e, explainedModel: e.model },
        ...(run.graphSvg ? { graphSvg: run.graphSvg } : {}),
        highlightLines: (lines) => this.editor?.highlightLines(lines),
        headingLevel: 3,
        askedBy: 'the test',
      });
      replaceChildren(this.whyHost, panel.root);
      panel.attached();
    }
  }

  private async findRepair(ticket: number): Promise<void> {
    this.repairHost.hidden = false;
    replaceChildren(this.repairHost, heading(2, {}, 'The cheapest repair'), element('p', { 'aria-live': 'polite' }, 'Searching for the cheapest barriers that forbid the outcome…'));
    try {
      const { repair, ms } = await this.client.repair();
      if (ticket !== this.runs) return;
      replaceChildren(this.repairHost, heading(2, {}, 'The cheapest repair'), repairWords(repair),
        element('p', { class: 'pg-repair-note' }, `Costs from the engine's default table (a full barrier costs most); ${repair.programsTried} edited program${repair.programsTried === 1 ? '' : 's'} run, in ${Math.round(ms)} ms.`),
        repair.source && repair.status === 'found'
          ? element('button', { type: 'button', class: 'wb-button', onclick: () => this.editor?.replaceAll(repair.source!) }, 'Put the repaired test in the editor')
          : null);
    } catch (error) {
      if (error instanceof CheckCancelled || ticket !== this.runs) return;
      replaceChildren(this.repairHost, heading(2, {}, 'The cheapest repair'), element('p', {}, `No repair this time: ${(error as Error).message}`));
    }
  }

  private stop(): void {
    this.stopped = true;
    this.client.dispose();
  }

  private load(example: PlaygroundExample): void {
    this.example = example;
    this.editor?.replaceAll(example.source);
    this.loaded.textContent = `${example.label}: ${example.summary} (Ctrl+Z brings your text back.)`;
    this.controls.showTestFlush(undefined);
    void this.run();
  }

  /** Back to the example the test came from, with the default settings (what is kept becomes that). */
  private reset(): void {
    const example = this.example;
    this.store.clear();
    this.restoring = true;
    try {
      this.editor?.replaceAll(example.source);
      this.controls.set('lkmm', undefined, undefined);
    } finally {
      this.restoring = false;
    }
    this.keep();
    this.controls.showTestFlush(undefined);
    this.loaded.textContent = `${example.label}: ${example.summary} Back to the example with the default settings (Ctrl+Z in the editor brings your text back).`;
  }

  /**
   * The line above the editor names the example loaded; once the learner's
   * text is no longer that example (typed over, or a test pasted in), it
   * says so, rather than go on describing a test the editor no longer holds.
   * Set only when it changes: the line is a live region.
   */
  private sayWhoseTest(text: string): void {
    if (this.restoring) return;
    const example = this.example;
    const changed = `Your own test. Reset to example goes back to the ${example.label} example.`;
    const same = `${example.label}: ${example.summary}`;
    const now = this.loaded.textContent ?? '';
    if (text !== example.source && now !== changed) this.loaded.textContent = changed;
    else if (text === example.source && now === changed) this.loaded.textContent = same;
  }

  /** Keeps the test and the settings in the browser (not the page's own restoring). */
  private keep(): void {
    if (this.restoring || !this.editor) return;
    const { execution: _execution, step: _step, ...state } = this.snapshot();
    this.store.write(state, this.example.id);
  }

  private async share(): Promise<void> {
    const snapshot = this.snapshot();
    const url = await shareUrl(`${location.origin}${location.pathname}`, snapshot);
    showShareLink(this.shareHost, url, snapshot.step
      ? 'The link opens this test, these settings and Play it at this step.'
      : snapshot.execution ? 'The link opens this test, these settings and the execution shown.' : 'The link opens this test with these settings.');
  }

  private showStatus(status: string, text: string): void {
    this.status.dataset.status = status;
    if (status === 'checking') this.status.setAttribute('aria-busy', 'true');
    else this.status.removeAttribute('aria-busy');
    replaceChildren(this.status, element('p', { class: 'wb-verdict' }, text));
  }

  private diagnoseSoon(text: string): void {
    clearTimeout(this.diagnoseTimer);
    this.diagnoseTimer = setTimeout(() => {
      this.client.diagnose(text, this.controls.model)
        .then((response) => {
          if (this.editor?.value === text) this.editor.setDiagnostics(response.diagnostics);
        })
        .catch(() => {
          // Dropped with a run's worker: the run brings its own diagnostics.
        });
    }, diagnoseDelay);
  }
}

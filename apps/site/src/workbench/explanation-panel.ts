// What a wrong answer comes with: the counterexample as swim lanes, the
// execution graph, and Play it (step mode over the counterexample). Hovering
// links the three and the editor: an event in the graph, a step in the
// lanes and a line in the editor light up together. For an outcome that is
// forbidden (a prediction of Sometimes that is Never) it says why instead.
import type { CheckResult } from '@barrier-lab/exercises';
import { element, heading, type Child } from './create-element.ts';
import { graphView, type GraphView } from './graph-view.ts';
import { StepPlayer, type PlayDriver, type StepPosition } from './step-player.ts';
import { valueWords } from './step-words.ts';
import { swimLanes } from './swim-lanes.ts';

/** A wrong answer's result, its graph, its step driver, and the editor's line highlighter. */
export interface ExplanationPanelOptions {
  /** What check() said (the playground passes its run's explanation and model the same way). */
  readonly result: Pick<CheckResult, 'explanation' | 'explainedModel'>;
  readonly graphSvg?: string;
  /** Step mode for the counterexample, when there is one to play. */
  readonly driver?: PlayDriver;
  /** Highlights lines in the editor (an empty list clears). */
  readonly highlightLines: (lines: readonly number[]) => void;
  /** The level of the panel's headings (one below the exercise's title). */
  readonly headingLevel: number;
  /** The lanes' heading (default: how it goes wrong under the model). */
  readonly title?: string;
  /** What Play it steps through (default "the counterexample"). */
  readonly planName?: string;
  /** Whose outcome Play it's end is measured against (default "the exercise"; the playground's "the test"). */
  readonly askedBy?: string;
  /** Called as Play it opens (or restarts): the worker holds one step session, so other players close. */
  readonly onPlayerOpen?: () => void;
}

/** The counterexample panel of one result: lanes, graph and Play it, linked by hovering. */
export class ExplanationPanel {
  readonly root: HTMLElement;
  private readonly graph: GraphView | undefined;
  private readonly steps: HTMLElement[] = [];
  private player: StepPlayer | undefined;
  private playButton: HTMLButtonElement | undefined;

  constructor(private readonly options: ExplanationPanelOptions) {
    const { result } = options;
    const explanation = result.explanation;
    const model = result.explainedModel ?? explanation?.model ?? '';
    const parts: (HTMLElement | null)[] = [];
    if (explanation?.timeline) {
      const state = explanation.counterexample?.entries.map((e) => `${e.target}=${valueWords(e)}`).join(', ') ?? '';
      parts.push(heading(options.headingLevel, {}, options.title ?? `How it goes wrong under ${model}`));
      const lanes = swimLanes(explanation.timeline, `One execution that ends in ${state}: each CPU's steps, top to bottom in the order they happen.`, (step) => {
        this.link(step ? [step.line] : [], step ? [step.event] : []);
      });
      this.steps.push(...lanes.querySelectorAll<HTMLElement>('.wb-step'));
      parts.push(lanes);
    } else if (explanation?.whyForbidden) {
      parts.push(heading(options.headingLevel, {}, `Why it cannot happen under ${model}`), element('p', {}, ...keepArrowsWhole(explanation.whyForbidden.message)));
    }
    if (options.graphSvg) {
      const what = explanation?.timeline ? 'the counterexample' : 'an execution the model forbids';
      this.graph = graphView(options.graphSvg, `Execution graph of ${what} under ${model}, with ${explanation?.graph?.nodes.length ?? 0} events.`, (target) => {
        this.link(target ? [target.line] : [], target ? [target.event] : []);
      });
      parts.push(this.graph.root);
    }
    if (options.driver && explanation?.timeline) {
      this.playButton = element('button', {
        type: 'button', class: 'wb-button wb-play-button',
        onclick: () => void this.openPlayer().then(() => this.player?.root.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus()),
      }, `Play it: step through ${options.planName === undefined ? 'this counterexample' : options.planName}`);
      parts.push(this.playButton);
    }
    this.root = element('div', { class: 'wb-explain' }, ...parts);
  }

  /** Opens Play it (once), at the start or at `at` (a share link's position); resolves when the session answered. */
  async openPlayer(at?: StepPosition): Promise<void> {
    const driver = this.options.driver;
    if (!driver || !this.playButton) return;
    this.options.onPlayerOpen?.();
    if (!this.player) {
      this.playButton.remove();
      const model = this.options.result.explainedModel ?? this.options.result.explanation?.model ?? '';
      this.player = new StepPlayer({
        driver, model, headingLevel: this.options.headingLevel, onLineHover: (line) => this.link(line ? [line] : [], []),
        ...(this.options.planName ? { planName: this.options.planName } : {}),
        ...(this.options.askedBy ? { askedBy: this.options.askedBy } : {}),
      });
      this.root.append(this.player.root);
    }
    await this.player.start(at);
  }

  /** Closes Play it (its session was taken over by another player) and offers its button again. */
  closePlayer(): void {
    if (!this.player || !this.playButton) return;
    this.player.root.replaceWith(this.playButton);
    this.player = undefined;
  }

  /** Play it's position, when it is open. */
  get stepPosition(): StepPosition | undefined {
    return this.player?.position;
  }

  /** Call once the panel is in the page: the picture measures itself. */
  attached(): void {
    this.graph?.fitToDrawing();
  }

  /** Lights up `lines` (and `events`) everywhere: editor, lanes, graph. Called for a line the editor points at, too. */
  link(lines: readonly number[], events: readonly number[] = []): void {
    this.options.highlightLines(lines);
    this.graph?.highlight({ lines, events });
    for (const step of this.steps) {
      const on = lines.includes(Number(step.dataset.line)) || events.includes(Number(step.dataset.event));
      step.classList.toggle('wb-linked', on);
    }
  }
}

/**
 * The engine's cycle ("W x=1 (P0, line 14) -po-> R y=0 ... -fr-> ...") with
 * each arrow in a span that does not wrap: a narrow screen broke "-fr->"
 * after its hyphen, leaving "-fr-" at a line's end and ">" at the next's start.
 */
function keepArrowsWhole(message: string): Child[] {
  return message.split(/(-[\w-]+?->)/).filter((piece) => piece !== '')
    .map((piece) => (/^-[\w-]+?->$/.test(piece) ? element('span', { class: 'wb-arrow' }, piece) : piece));
}

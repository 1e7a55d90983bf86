// What a wrong answer comes with: the counterexample as swim lanes, the
// execution graph, and Play it (step mode over the counterexample). Hovering
// links the three and the editor: an event in the graph, a step in the
// lanes and a line in the editor light up together. For an outcome that is
// forbidden (a prediction of Sometimes that is Never) it says why instead.
import type { CheckResult } from '@barrier-lab/exercises';
import { element, heading } from './create-element.ts';
import { graphView, type GraphView } from './graph-view.ts';
import { StepPlayer, type PlayDriver } from './step-player.ts';
import { swimLanes } from './swim-lanes.ts';

/** A wrong answer's result, its graph, its step driver, and the editor's line highlighter. */
export interface ExplanationPanelOptions {
  readonly result: CheckResult;
  readonly graphSvg?: string;
  /** Step mode for the counterexample, when there is one to play. */
  readonly driver?: PlayDriver;
  /** Highlights lines in the editor (an empty list clears). */
  readonly highlightLines: (lines: readonly number[]) => void;
  /** The level of the panel's headings (one below the exercise's title). */
  readonly headingLevel: number;
}

/** The counterexample panel of one result: lanes, graph and Play it, linked by hovering. */
export class ExplanationPanel {
  readonly root: HTMLElement;
  private readonly graph: GraphView | undefined;
  private readonly steps: HTMLElement[] = [];
  private player: StepPlayer | undefined;

  constructor(private readonly options: ExplanationPanelOptions) {
    const { result } = options;
    const explanation = result.explanation;
    const model = result.explainedModel ?? explanation?.model ?? '';
    const parts: (HTMLElement | null)[] = [];
    if (explanation?.timeline) {
      const state = explanation.counterexample?.entries.map((e) => `${e.target}=${e.value}`).join(', ') ?? '';
      parts.push(heading(options.headingLevel, {}, `How it goes wrong under ${model}`));
      const lanes = swimLanes(explanation.timeline, `One execution that ends in ${state}: each CPU's steps, top to bottom in the order they happen.`, (step) => {
        this.link(step ? [step.line] : [], step ? [step.event] : []);
      });
      this.steps.push(...lanes.querySelectorAll<HTMLElement>('.wb-step'));
      parts.push(lanes);
    } else if (explanation?.whyForbidden) {
      parts.push(heading(options.headingLevel, {}, `Why it cannot happen under ${model}`), element('p', {}, explanation.whyForbidden.message));
    }
    if (options.graphSvg) {
      const what = explanation?.timeline ? 'the counterexample' : 'an execution the model forbids';
      this.graph = graphView(options.graphSvg, `Execution graph of ${what} under ${model}, with ${explanation?.graph?.nodes.length ?? 0} events.`, (target) => {
        this.link(target ? [target.line] : [], target ? [target.event] : []);
      });
      parts.push(this.graph.root);
    }
    if (options.driver && explanation?.timeline) {
      const driver = options.driver;
      const button = element('button', {
        type: 'button', class: 'wb-button wb-play-button',
        onclick: () => {
          button.remove();
          this.player = new StepPlayer({ driver, model, headingLevel: options.headingLevel, onLineHover: (line) => this.link(line ? [line] : [], []) });
          this.root.append(this.player.root);
          void this.player.start().then(() => this.player?.root.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus());
        },
      }, 'Play it: step through this counterexample');
      parts.push(button);
    }
    this.root = element('div', { class: 'wb-explain' }, ...parts);
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

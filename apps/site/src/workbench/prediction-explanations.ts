// A wrong prediction's feedback: one block per wrong model, in the
// exercise's model order, each saying what the learner said, what it is and
// why, with that model's own counterexample (lanes, graph, Play it) or why
// the model forbids the outcome. All blocks are shown at once, stacked: a
// learner reads a marked answer top to bottom, and a block hidden behind a
// tab is a mistake left unexplained. The check worker holds one step
// session, so one Play it is open at a time: opening another closes it.
import type { CheckResult, ModelExplanation } from '@barrier-lab/exercises';
import { predictionHeading } from '@barrier-lab/exercises/words';
import { element, heading } from './create-element.ts';
import { ExplanationPanel } from './explanation-panel.ts';
import type { ModelName } from './exercise-view.ts';
import type { PlayDriver, StepPosition } from './step-player.ts';

/** What the blocks need from the workbench. */
export interface PredictionExplanationsOptions {
  readonly explanations: readonly ModelExplanation[];
  /** Each block's graph, drawn by the worker, by model. */
  readonly graphSvgs: Readonly<Partial<Record<ModelName, string>>>;
  /** Step mode under `model` (the counterexample it replays is that model's). */
  readonly driver: (model: ModelName) => PlayDriver;
  readonly highlightLines: (lines: readonly number[]) => void;
  /** The level of each block's heading (its panel's headings are one below). */
  readonly headingLevel: number;
}

/** Where an open Play it is, and under which block's model. */
export interface ModelStepPosition extends StepPosition {
  readonly model?: ModelName;
}

/** The blocks of every wrong prediction, with one Play it open at a time. */
export class PredictionExplanations {
  readonly root: HTMLElement;
  private readonly panels: { readonly model: ModelName; readonly panel: ExplanationPanel }[] = [];

  constructor(options: PredictionExplanationsOptions) {
    const blocks = options.explanations.map((x) => {
      const parts: (HTMLElement | null)[] = [
        heading(options.headingLevel, { class: 'wb-model-explain-head' }, predictionHeading(x)),
        element('p', { class: 'wb-model-explain-why' }, x.message),
      ];
      if (x.explanation) {
        const result: Pick<CheckResult, 'explanation' | 'explainedModel'> = { explanation: x.explanation, explainedModel: x.model };
        const graphSvg = options.graphSvgs[x.model];
        const panel: ExplanationPanel = new ExplanationPanel({
          result,
          ...(graphSvg ? { graphSvg } : {}),
          highlightLines: options.highlightLines,
          headingLevel: options.headingLevel + 1,
          title: `How it happens under ${x.model}`,
          driver: options.driver(x.model),
          onPlayerOpen: () => this.closeOthers(panel),
        });
        this.panels.push({ model: x.model, panel });
        parts.push(panel.root);
      }
      return element('section', { class: 'wb-model-explain', 'data-model': x.model, 'aria-label': `Your ${x.model} prediction` }, ...parts);
    });
    this.root = element('div', { class: 'wb-model-explains' }, ...blocks);
  }

  /** Call once the blocks are in the page: the graphs measure themselves. */
  attached(): void {
    for (const { panel } of this.panels) panel.attached();
  }

  /** Lights up `lines` in every block (and the editor). */
  link(lines: readonly number[], events: readonly number[] = []): void {
    for (const { panel } of this.panels) panel.link(lines, events);
  }

  /** The open Play it's position, with its model. */
  get stepPosition(): ModelStepPosition | undefined {
    for (const { model, panel } of this.panels) {
      const at = panel.stepPosition;
      if (at) return { ...at, model };
    }
    return undefined;
  }

  /** Opens Play it in the block of `at.model` (the first block's when it names none or one not shown). */
  async openPlayer(at?: ModelStepPosition): Promise<void> {
    const chosen = this.panels.find((p) => p.model === at?.model) ?? this.panels[0];
    await chosen?.panel.openPlayer(at ? { token: at.token, matched: at.matched } : undefined);
  }

  private closeOthers(opening: ExplanationPanel): void {
    for (const { panel } of this.panels) if (panel !== opening) panel.closePlayer();
  }
}

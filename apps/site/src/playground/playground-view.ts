// What the playground page embeds as JSON for its client script: the
// examples one click away and the editor's words. Types only (client code
// must not pull in the engine); playground-view-data.ts builds it.

import type { Budget } from '@barrier-lab/engine';
import type { BarrierWord, KernelCVocabulary } from '../workbench/exercise-view.ts';

/** One example test. */
export interface PlaygroundExample {
  /** Short, stable: also the button's test handle (`mp`, `ksm-pte-change`). */
  readonly id: string;
  /** The button's words (`MP`, `KSM vs GUP-fast: PTE change`). */
  readonly label: string;
  /** One sentence: what the test asks. */
  readonly summary: string;
  /** The well-known shapes, or the patch's own scenarios. */
  readonly group: 'shapes' | 'patch';
  readonly source: string;
}

/** Everything the playground's script needs. */
export interface PlaygroundView {
  readonly examples: readonly PlaygroundExample[];
  readonly vocabulary: KernelCVocabulary;
  readonly barriers: readonly BarrierWord[];
  /** The engine's default limits. */
  readonly defaultBudget: Budget;
}

/** Reads the JSON the page embeds; throws on anything else (a page built wrongly). */
export function parsePlaygroundView(json: string): PlaygroundView {
  const v = JSON.parse(json) as Partial<PlaygroundView> | null;
  if (!v || !Array.isArray(v.examples) || v.examples.length === 0 || !v.vocabulary || !Array.isArray(v.barriers) || !v.defaultBudget) {
    throw new TypeError('playground data: examples, vocabulary and barriers are required');
  }
  return v as PlaygroundView;
}

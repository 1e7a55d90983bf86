// The messages between a workbench and its check worker: plain JSON both
// ways (structured-clone safe, no functions, no class instances), so the
// protocol can be logged, replayed in tests and spoken by any other page that
// starts the same worker. Every request carries an `id`; the worker answers
// each with exactly one response carrying the same `id`, in order.
import type { CheckResult } from '@barrier-lab/exercises';
import type { Diagnostic, Witness } from '@barrier-lab/engine';
import type { CpuChoices, StepChoice, StepOutcome, StepState } from '@barrier-lab/engine/step';
import type { PlaygroundRequest, PlaygroundResponse } from '../playground/playground-protocol.ts';
import type { FlushFlavour, ModelName } from './exercise-view.ts';

/** Parse and lint `source` as a submission (no exploration): for the editor's markers. */
export interface LintRequest {
  readonly type: 'lint';
  readonly id: number;
  readonly exercise: string;
  readonly source: string;
}

/**
 * Check `source` with check() of @barrier-lab/exercises. `models` and
 * `flush` narrow or change the exercise's own (the model selector and the
 * flush toggle); the result is then a try, not the grade. `explain: 'full'`
 * adds the cheapest repair.
 */
export interface CheckRequest {
  readonly type: 'check';
  readonly id: number;
  readonly exercise: string;
  readonly source: string;
  readonly models?: readonly ModelName[];
  readonly flush?: FlushFlavour;
  readonly explain?: 'counterexample' | 'full';
}

/**
 * Start step mode on `source` under `model`, with the steps that replay the
 * counterexample check() explained (the smallest one). The worker keeps the
 * session; the play-* requests after it act on it.
 */
export interface PlayStartRequest {
  readonly type: 'play-start';
  readonly id: number;
  readonly source: string;
  readonly model: ModelName;
  readonly flush?: FlushFlavour;
  /** Replay this execution instead of the smallest counterexample (the playground's browsed one). */
  readonly replay?: Witness;
  /** Restore this step position (`PlayResponse.token` of an earlier session on the same source and model, from a share link). */
  readonly token?: string;
}

/** One step of the current session (a choice among `PlayResponse.choices`). */
export interface PlayStepRequest {
  readonly type: 'play-step';
  readonly id: number;
  readonly choice: StepChoice;
}

/** Take back the last step, or go back to the start. */
export interface PlayUndoRequest {
  readonly type: 'play-undo' | 'play-reset';
  readonly id: number;
}

/** Every request the worker serves. */
export type WorkerRequest = LintRequest | CheckRequest | PlayStartRequest | PlayStepRequest | PlayUndoRequest | PlaygroundRequest;

/** The diagnostics of a lint request, in source order. */
export interface LintResponse {
  readonly type: 'lint';
  readonly id: number;
  readonly diagnostics: readonly Diagnostic[];
}

/** What check() said, with the score and the graph drawn for the page. */
export interface CheckResponse {
  readonly type: 'check';
  readonly id: number;
  readonly result: CheckResult;
  /** The score grade() gives this result (a try under narrowed models or another flush is scored the same way, but is not the grade). */
  readonly score: { readonly given: number; readonly maximum: number };
  /** The counterexample's graph as SVG with ids unique to this exercise (when there is a graph). */
  readonly graphSvg?: string;
  /** For a wrong prediction: the graph of each wrong model's explanation (`result.explanations`), by model, with ids unique to the exercise and model. */
  readonly graphSvgs?: Readonly<Partial<Record<ModelName, string>>>;
  /** Milliseconds check() took inside the worker. */
  readonly ms: number;
}

/** The current step session after a play-* request. */
export interface PlayResponse {
  readonly type: 'play';
  readonly id: number;
  readonly state: StepState;
  /** What each CPU that may step can do now (empty when finished). */
  readonly choices: readonly CpuChoices[];
  /** The steps that replay the counterexample from the start (absent when there is none, with `replayProblem`). */
  readonly counterexample?: readonly StepChoice[];
  readonly replayProblem?: string;
  /** When every CPU has finished: the final state. */
  readonly outcome?: StepOutcome;
  /** The engine's step token of this position (`stepMode.serialize`), for a share link. */
  readonly token?: string;
  /** Why a `play-start` token could not be restored (the session then starts at the beginning). */
  readonly tokenProblem?: string;
}

/** A request the worker could not serve (bad input is not an error: only our faults and unknown requests are). */
export interface ErrorResponse {
  readonly type: 'error';
  readonly id: number;
  readonly message: string;
}

/** Every response the worker sends. */
export type WorkerResponse = LintResponse | CheckResponse | PlayResponse | ErrorResponse | PlaygroundResponse;


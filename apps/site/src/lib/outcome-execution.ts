// The execution a picture draws: for an outcome the model allows, the
// smallest execution giving it; for an outcome the model forbids, the
// smallest candidate execution the model rules out. Either way the engine
// must agree with the page first, or the build fails.
import { parseLitmus, runLitmus, type FlushFlavour, type ModelName, type Witness } from '@barrier-lab/engine';
import { buildTimeline, smallestCounterexample, valueNames, whyForbidden, type Timeline, type ValueNames } from '@barrier-lab/engine/explain';
import type { LanesOutcome } from './lanes-layout.ts';

export interface OutcomeExecution {
  readonly witness: Witness;
  readonly timeline: Timeline;
  /** The condition as herd7 prints it. */
  readonly condition: string;
  /**
   * The kernel constants the test used with each location and register, by
   * which pictures say its values (`pmdp = PMD_TABLE`, not 4), as the
   * timeline's steps and the check's verdict do.
   */
  readonly names: ValueNames;
}

export interface OutcomeRequest {
  readonly model: ModelName;
  /** What the page claims: the test's bad outcome can happen, or cannot. */
  readonly outcome: LanesOutcome;
  readonly flush?: FlushFlavour;
}

/** The page's claim about an outcome does not hold, or the test does not run. */
export class OutcomeMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutcomeMismatch';
  }
}

/**
 * Finds the execution to draw. The "bad outcome" is the condition's
 * proposition holding (`exists`, `~exists`) or failing (`forall`), as the
 * engine's counterexamples define it. Throws `OutcomeMismatch` when the
 * engine disagrees with `request.outcome` or gives no complete verdict.
 */
export function outcomeExecution(name: string, source: string, request: OutcomeRequest): OutcomeExecution {
  const { model, outcome } = request;
  const flush = request.flush ? { flush: request.flush } : {};
  const result = runLitmus(source, { model, herdHash: false, ...flush });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !result.verdict) {
    throw new OutcomeMismatch(`${name}: the test does not check: ${errors.map((d) => `line ${d.span.line}:${d.span.column}: ${d.message}`).join('; ')}`);
  }
  const { verdict } = result;
  // The test parsed without errors just above.
  const names = valueNames(parseLitmus(source).ast!);
  if (verdict.status !== 'complete') throw new OutcomeMismatch(`${name}: inconclusive under ${model} (the ${verdict.cutoff ?? 'exploration'} budget was hit): a picture needs a verdict`);
  const found = smallestCounterexample(verdict);
  if (outcome === 'allowed') {
    if (!found) throw new OutcomeMismatch(`${name}: the page says the outcome of ${verdict.condition} can happen under ${model}, but the engine finds no execution giving it`);
    return { witness: found.witness, timeline: buildTimeline(found.witness, source, names), condition: verdict.condition, names };
  }
  if (found) throw new OutcomeMismatch(`${name}: the page says the outcome of ${verdict.condition} cannot happen under ${model}, but the engine finds an execution giving it`);
  const why = whyForbidden(source, { model, ...flush });
  if (why.status !== 'forbidden' || !why.candidate) {
    throw new OutcomeMismatch(`${name}: nothing to cross out under ${model}: ${why.status === 'unreachable' ? 'no execution of any model gives the outcome' : why.message}`);
  }
  return { witness: why.candidate, timeline: buildTimeline(why.candidate, source, names), condition: verdict.condition, names };
}

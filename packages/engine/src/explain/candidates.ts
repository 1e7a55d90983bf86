// Candidate executions irrespective of the model: every coherent-piece
// assembly the explorer builds, with what the model says of it. The
// explorer visits only consistent executions, so the model is wrapped: the
// wrapper records the real verdict and lets everything through (which also
// turns off prefix pruning, harmless on the small tests explained).
import type { ConditionTarget } from '../syntax/ast.ts';
import type { Execution } from '../explore/execution.ts';
import { explore, type Budget, type BudgetName } from '../explore/explore.ts';
import type { Model, ModelVerdict } from '../models/model.ts';
import type { Program } from '../program/program.ts';
import { computeTraces } from '../program/value-domain.ts';
import type { Value } from '../program/value.ts';
import { holds } from '../verdict/condition.ts';
import { finalState } from '../verdict/final-state.ts';
import { sourceSlicer } from '../verdict/judge.ts';

/** One candidate execution and the model's word on it. */
export interface Candidate {
  readonly execution: Execution;
  readonly verdict: ModelVerdict;
  /** Whether the condition's proposition holds in its final state. */
  readonly satisfies: boolean;
}

export interface CandidateScan {
  /** Candidates visited (after the filter). */
  readonly examined: number;
  readonly cutoff?: BudgetName;
}

/** Default limits for a scan: small, since every candidate is judged. */
export const candidateBudget: Budget = { maxEvents: 64, maxCandidates: 200_000, maxMillis: 20_000 };

/**
 * Calls `visit` for every candidate execution of `program` that passes its
 * `filter`, consistent or not under `model`, in the explorer's
 * deterministic order. Stops at `budget` and says so.
 */
export function scanCandidates(
  program: Program,
  model: Model,
  visit: (candidate: Candidate) => void,
  budget: Budget = candidateBudget,
  clock?: () => number,
): CandidateScan {
  const verdicts = new WeakMap<Execution, ModelVerdict>();
  const permissive: Model = {
    name: model.name,
    description: model.description,
    check(x) {
      const v = model.check(x);
      verdicts.set(x, v);
      return { consistent: true, flags: [] };
    },
  };
  const normalize = (t: ConditionTarget, v: Value): Value =>
    t.kind === 'location' && typeof v === 'number' && program.unsignedLocations.has(t.name) ? v >>> 0 : v;
  const traces = computeTraces(program, sourceSlicer(program.source));
  let examined = 0;
  const { cutoff } = explore(program, traces, {
    model: permissive,
    budget,
    ...(clock ? { clock } : {}),
    visit(execution) {
      const raw = finalState(execution);
      const read = (t: ConditionTarget) => normalize(t, raw(t));
      if (program.filter && !holds(program.filter, read, normalize)) return;
      examined++;
      const verdict = verdicts.get(execution) ?? model.check(execution);
      visit({ execution, verdict, satisfies: holds(program.condition.prop, read, normalize) });
    },
  });
  return { examined, ...(cutoff ? { cutoff } : {}) };
}

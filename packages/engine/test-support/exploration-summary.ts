// What two explorers must agree on, computed with the least of judge.ts's
// logic (judge() cannot be told which explorer to use): the consistent
// executions that pass the filter, grouped by final state, with herd7's
// positive/negative counts and the flags raised. Witness choice and candidate
// counts are left out on purpose: they depend on the order of exploration.
import type { Execution } from '../src/execution/execution.ts';
import type { explore, Budget } from '../src/explore/explore.ts';
import type { Model, ModelVerdict } from '../src/models/model.ts';
import type { Program } from '../src/program/program.ts';
import { computeTraces } from '../src/program/value-domain.ts';
import { formatValue } from '../src/program/value.ts';
import { formatTarget, holds } from '../src/verdict/condition.ts';
import { finalState } from '../src/verdict/final-state.ts';
import { sourceSlicer } from '../src/syntax/source-slicer.ts';

/** Anything with `explore()`'s contract, such as `referenceExplore`. */
export type Explorer = typeof explore;

/** One final state: `1:r0=1; [x]=2;` as herd7 prints it, whether the condition holds, how many executions end there. */
export interface StateCount {
  readonly state: string;
  readonly satisfies: boolean;
  readonly executions: number;
}

/** What an exploration found, as plain data that `toEqual` can compare. */
export interface ExplorationSummary {
  /** Sorted by `state`. */
  readonly states: readonly StateCount[];
  /** Executions where the condition's proposition holds / does not (herd7's Observation numbers). */
  readonly positive: number;
  readonly negative: number;
  /** Sorted. */
  readonly flags: readonly string[];
  readonly status: 'complete' | 'inconclusive';
}

/** The final state of an execution as one string, in `program.observed` order. */
export function stateKey(program: Program, execution: Execution): string {
  const read = finalState(execution);
  return program.observed.map((t) => `${formatTarget(t)}=${formatValue(read(t))};`).join(' ');
}

/** Explores `program` under `model` with `explorer` and summarises it as judge() would. */
export function summariseExploration(program: Program, model: Model, explorer: Explorer, budget?: Budget): ExplorationSummary {
  const traces = computeTraces(program, sourceSlicer(program.source));
  const states = new Map<string, { satisfies: boolean; executions: number }>();
  const flags = new Set<string>();
  let positive = 0;
  let negative = 0;
  const { cutoff } = explorer(program, traces, {
    model,
    ...(budget ? { budget } : {}),
    visit(execution: Execution, verdict: ModelVerdict) {
      const read = finalState(execution);
      if (program.filter && !holds(program.filter, read)) return;
      for (const f of verdict.flags) flags.add(f);
      const satisfies = holds(program.condition.prop, read);
      if (satisfies) positive++;
      else negative++;
      const key = stateKey(program, execution);
      const known = states.get(key) ?? { satisfies, executions: 0 };
      known.executions++;
      states.set(key, known);
    },
  });
  return {
    states: [...states].map(([state, s]) => ({ state, ...s })).sort((a, b) => (a.state < b.state ? -1 : a.state > b.state ? 1 : 0)),
    positive,
    negative,
    flags: [...flags].sort(),
    status: cutoff ? 'inconclusive' : 'complete',
  };
}

// Runs a program under each of an exercise's models and keeps what grading
// needs: the verdict data without timings, and the full verdicts for explaining.
import { describeBudgetReport, runLitmus, type Budget, type BudgetReport, type Diagnostic, type FlushFlavour, type ModelName, type ValueDomain, type Verdict } from '@barrier-lab/engine';
import { nameStateEntries, type ValueNames } from '@barrier-lab/engine/explain';
import type { ExerciseVerdict } from './check-result.ts';

export interface ModelRuns {
  readonly diagnostics: readonly Diagnostic[];
  /** In the exercise's model order; empty when the program does not lower; those before `stopped`'s model when set. */
  readonly verdicts: readonly Verdict[];
  /** Set when a budget stopped a model's run before it had a verdict (while parsing or lowering): that model, and the budget's report. */
  readonly stopped?: { readonly model: ModelName; readonly report: BudgetReport };
}

/** The program's verdicts under `models`, or the diagnostics that stop it. */
export function runModels(
  source: string,
  models: readonly ModelName[],
  options: { readonly flush?: FlushFlavour; readonly budget?: Budget; readonly domain?: ValueDomain },
): ModelRuns {
  const verdicts: Verdict[] = [];
  let diagnostics: readonly Diagnostic[] = [];
  for (const model of models) {
    const run = runLitmus(source, {
      model, herdHash: false, ...(options.flush ? { flush: options.flush } : {}), ...(options.budget ? { budget: options.budget } : {}), ...(options.domain ? { domain: options.domain } : {}),
    });
    diagnostics = run.diagnostics;
    if (!run.verdict) return run.inconclusive ? { diagnostics, verdicts, stopped: { model, report: run.inconclusive } } : { diagnostics, verdicts: [] };
    verdicts.push(run.verdict);
  }
  return { diagnostics, verdicts };
}

/**
 * The sentence for a check that a budget stopped under `model`: which budget
 * and in what phase (`report`), but not how far it got, which depends on the
 * machine for a time budget.
 */
export function undecided(model: ModelName, report: BudgetReport | undefined, cutoff?: string): string {
  const what = report ? describeBudgetReport(report, { figures: false }) : `hit its ${cutoff ?? ''} budget`;
  return `Not decided: under ${model} the check ${what}, so no verdict is given.`;
}

/** A verdict as check() reports it: no timings, no witnesses; values named after the program's kernel constants (`names`). */
export function exerciseVerdict(v: Verdict, names: ValueNames = {}): ExerciseVerdict {
  return {
    model: v.model,
    holds: v.ok,
    observation: v.observation,
    condition: v.condition,
    states: v.states.map((s) => ({ entries: nameStateEntries(s.entries, names), satisfies: s.satisfies, executions: s.executions })),
    status: v.status,
    ...(v.cutoff ? { cutoff: v.cutoff } : {}),
  };
}

/** Whether every verdict holds: all complete and Ok. */
export function allHold(verdicts: readonly Verdict[]): boolean {
  return verdicts.every((v) => v.status === 'complete' && v.ok && v.states.length > 0);
}

/** A complete verdict with no final state: no execution reaches the end, so every condition holds vacuously. */
export function vacuous(verdicts: readonly Verdict[]): Verdict | undefined {
  return verdicts.find((v) => v.status === 'complete' && v.states.length === 0);
}

/** The failing verdict to explain: under the weakest model, whose repair also fixes the stronger ones (SC ⊆ TSO ⊆ LKMM). */
export function weakestFailing(verdicts: readonly Verdict[]): Verdict | undefined {
  const strength = { sc: 0, tso: 1, lkmm: 2 } as const;
  return verdicts.filter((v) => !v.ok).sort((a, b) => strength[b.model] - strength[a.model])[0];
}

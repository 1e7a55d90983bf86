// For an over-fenced answer, the one barrier that can be cheaper: each
// barrier of the answer is removed, or replaced by a cheaper one, and the
// answer checked again; the biggest saving that keeps it correct is named.
import { parseLitmus, type CostTable, type LitmusAst } from '@barrier-lab/engine';
import type { Exercise } from '../schema/exercise.ts';
import { barriersUsed, type BarrierUse } from './barriers-used.ts';
import { callCost } from './barrier-vocabulary.ts';
import type { CheaperHint } from './check-result.ts';
import { allHold, runModels } from './verdicts.ts';

/** What a barrier may become instead: cheaper barriers first, then nothing. */
function replacements(name: string): readonly (string | undefined)[] {
  switch (name) {
    case 'smp_mb':
    case 'smp_mb__after_spinlock':
    case 'smp_mb__after_unlock_lock':
      return ['smp_wmb', 'smp_rmb', 'smp_mb__after_atomic', 'smp_mb__before_atomic', undefined];
    case 'smp_mb__after_atomic':
    case 'smp_mb__before_atomic':
      return ['smp_wmb', 'smp_rmb', undefined];
    case 'smp_load_acquire':
      return ['READ_ONCE'];
    case 'smp_store_release':
      return ['WRITE_ONCE'];
    case 'ptep_clear_flush':
      return ['ptep_get_and_clear'];
    default:
      return [undefined];
  }
}

/** The best single cheaper change to a correct `source` that keeps it correct, if any. */
export function cheaperHint(exercise: Exercise, source: string, ast: LitmusAst, costs: CostTable): CheaperHint | undefined {
  const uses = barriersUsed(ast, costs).filter((u) => u.cost > 0);
  const tries: { use: BarrierUse; to: string | undefined; saving: number }[] = [];
  for (const use of uses) {
    for (const to of replacements(use.name)) {
      const saving = use.cost - (to ? callCost(to, costs) : 0);
      if (saving > 0) tries.push({ use, to, saving });
    }
  }
  tries.sort((a, b) => b.saving - a.saving || a.use.line - b.use.line || a.use.column - b.use.column);
  for (const t of tries) {
    const edited = edit(source, t.use, t.to);
    if (!edited || !parseLitmus(edited).ast) continue;
    const runs = runModels(edited, exercise.models, exercise.flush ? { flush: exercise.flush } : {});
    if (runs.verdicts.length === 0 || !allHold(runs.verdicts)) continue;
    const where = `Line ${t.use.line} (P${t.use.thread})`;
    return {
      line: t.use.line, thread: t.use.thread, barrier: t.use.name, saving: t.saving,
      ...(t.to ? { cheaper: t.to } : {}),
      message: t.to
        ? `${where}: ${t.use.name}() is stronger than needed; ${t.to}() is enough and saves ${t.saving}.`
        : `${where}: ${t.use.name}() is not needed; without it the outcome stays forbidden, saving ${t.saving}.`,
    };
  }
  return undefined;
}

/** `source` with the call at `use` renamed to `to`, or removed (leaving an empty statement). */
function edit(source: string, use: BarrierUse, to: string | undefined): string | undefined {
  const lines = source.split('\n');
  const line = lines[use.line - 1];
  if (line === undefined || !line.startsWith(use.name, use.column - 1)) return undefined;
  const before = line.slice(0, use.column - 1);
  const after = line.slice(use.column - 1 + use.name.length);
  if (to) {
    lines[use.line - 1] = before + to + after;
  } else {
    // A statement barrier `name(...);`: drop the call, keep the `;` (an empty statement).
    const call = /^\s*\([^()]*\)/.exec(after);
    if (!call) return undefined;
    lines[use.line - 1] = before + after.slice(call[0].length);
  }
  return lines.join('\n');
}

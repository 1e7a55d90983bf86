// For an over-fenced answer, the one change that makes it cheaper: each
// barrier, ordering and flush of the answer is removed or weakened (the
// engine's barrier edits, repair-edits.ts), or, where the exercise prices
// orderings, a barrier is traded for release or acquire on the access next
// to it; each candidate is checked again, and the biggest saving that keeps
// the answer correct is named.
import { type Budget, type LitmusAst, type ValueDomain } from '@barrier-lab/engine';
import { applyEdits, barrierStatements, candidateEdits, defaultCosts, reductionEdits, type BarrierEdit, type CostTable } from '@barrier-lab/engine/explain';
import type { Exercise } from '../schema/exercise.ts';
import { pricedKinds } from '../schema/may-change.ts';
import type { CheaperHint } from './check-result.ts';
import { allHold, runModels } from './verdicts.ts';

/** One cheaper variant of the answer to try. */
interface Attempt {
  /** The barrier, ordering or flush the hint is about. */
  readonly edit: BarrierEdit;
  readonly edits: readonly BarrierEdit[];
  readonly saving: number;
  readonly cheaper?: string;
  readonly message: string;
}

/**
 * The best single cheaper change to a correct `source` (parsed as `ast`)
 * that keeps it correct, if any. `domain`: the answer's value domain, which a
 * change that keeps every flush keeps too (starter-domain.ts); `budget`: the
 * check's, for each variant (one a budget stops is not offered).
 */
export function cheaperHint(exercise: Exercise, source: string, ast: LitmusAst, domain?: ValueDomain, budget?: Budget): CheaperHint | undefined {
  const priced = new Set(pricedKinds(exercise));
  const costs: CostTable = { ...defaultCosts, ...exercise.costs };
  const attempts: Attempt[] = [];
  // A weakening only to something the exercise prices; a removal or downgrade only of what it prices.
  const reductions = reductionEdits(ast, source, costs)
    .filter((e) => priced.has(e.kind) && (e.action !== 'downgrade' || !barrierStatements.has(e.to ?? '') || priced.has(barrierStatements.get(e.to!)!)));
  for (const edit of reductions) {
    const saving = -edit.cost;
    attempts.push({
      edit, edits: [edit], saving, ...(edit.to ? { cheaper: edit.to } : {}),
      message: edit.to
        ? `${where(edit)}: ${edit.from}() is stronger than needed; ${edit.to}() is enough and saves ${saving}.`
        : `${where(edit)}: ${edit.from}() is not needed: the answer stays correct without it, saving ${saving}.`,
    });
  }
  attempts.push(...orderingTrades(ast, source, costs, priced, reductions));
  attempts.sort((a, b) => b.saving - a.saving || a.edit.line - b.edit.line || a.edit.column - b.edit.column);
  for (const a of attempts) {
    const keepsFlushes = a.edits.every((e) => e.kind !== 'flush');
    const runs = runModels(applyEdits(source, a.edits), exercise.models, {
      ...(exercise.flush ? { flush: exercise.flush } : {}), ...(domain && keepsFlushes ? { domain } : {}), ...(budget ? { budget } : {}),
    });
    if (runs.stopped || runs.verdicts.length === 0 || !allHold(runs.verdicts)) continue;
    return {
      line: a.edit.line, thread: a.edit.thread, barrier: a.edit.from!, saving: a.saving,
      ...(a.cheaper ? { cheaper: a.cheaper } : {}), message: a.message,
    };
  }
  return undefined;
}

/**
 * Where the exercise prices orderings: a write barrier before a write can
 * become release on that write, a read barrier after a read acquire on that
 * read (the barrier removed, the access upgraded).
 */
function orderingTrades(ast: LitmusAst, source: string, costs: CostTable, priced: ReadonlySet<string>, reductions: readonly BarrierEdit[]): Attempt[] {
  if (!priced.has('smp_store_release') && !priced.has('smp_load_acquire')) return [];
  const upgrades = candidateEdits(ast, source, costs).filter((e) => e.action === 'upgrade' && priced.has(e.kind));
  const attempts: Attempt[] = [];
  for (const removal of reductions.filter((e) => e.action === 'remove')) {
    const mine = upgrades.filter((u) => u.thread === removal.thread);
    const write = ['smp_wmb', 'smp_mb'].includes(removal.kind)
      ? mine.find((u) => u.kind === 'smp_store_release' && u.line > removal.line) : undefined;
    const read = ['smp_rmb', 'smp_mb'].includes(removal.kind)
      ? [...mine].reverse().find((u) => u.kind === 'smp_load_acquire' && u.line < removal.line) : undefined;
    for (const [upgrade, verb, does] of [[write, 'write', 'everything before it'], [read, 'read', 'everything after it']] as const) {
      if (!upgrade) continue;
      const saving = -(removal.cost + upgrade.cost);
      if (saving <= 0) continue;
      attempts.push({
        edit: removal, edits: [removal, upgrade], saving, cheaper: upgrade.kind,
        message: `${where(removal)}: instead of ${removal.from}(), make the ${verb} on line ${upgrade.line} a ${upgrade.kind}(): it orders ${does}, and saves ${saving}.`,
      });
    }
  }
  return attempts;
}

function where(e: BarrierEdit): string {
  return `Line ${e.line} (P${e.thread})`;
}

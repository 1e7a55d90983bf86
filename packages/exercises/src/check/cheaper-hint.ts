// For an over-fenced answer, the one barrier that can be cheaper: each
// barrier of the answer is removed, or replaced by a cheaper one, and the
// answer checked again; the biggest saving that keeps it correct is named.
import { parseLitmus, type CostTable, type LitmusAst } from '@barrier-lab/engine';
import type { Exercise } from '../schema/exercise.ts';
import { barriersUsed, callSites, type BarrierUse, type CallSite } from './barriers-used.ts';
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

/** One cheaper variant of the answer to try. */
interface Attempt {
  readonly use: BarrierUse;
  readonly saving: number;
  readonly cheaper?: string;
  readonly edited: string | undefined;
  readonly message: string;
}

/** The best single cheaper change to a correct `source` that keeps it correct, if any. */
export function cheaperHint(exercise: Exercise, source: string, ast: LitmusAst, costs: CostTable): CheaperHint | undefined {
  const uses = barriersUsed(ast, costs).filter((u) => u.cost > 0);
  const attempts: Attempt[] = [];
  for (const use of uses) {
    for (const to of replacements(use.name)) {
      const saving = use.cost - (to ? callCost(to, costs) : 0);
      if (saving <= 0) continue;
      attempts.push({
        use, saving, ...(to ? { cheaper: to } : {}), edited: edit(source, use, to),
        message: to
          ? `${where(use)}: ${use.name}() is stronger than needed; ${to}() is enough and saves ${saving}.`
          : `${where(use)}: ${use.name}() is not needed: the answer stays correct without it, saving ${saving}.`,
      });
    }
  }
  if (exercise.kind !== 'predict' && exercise.edits !== 'barriers') attempts.push(...orderingAttempts(source, ast, uses, costs));
  attempts.sort((a, b) => b.saving - a.saving || a.use.line - b.use.line || a.use.column - b.use.column);
  for (const a of attempts) {
    if (!a.edited || !parseLitmus(a.edited).ast) continue;
    const runs = runModels(a.edited, exercise.models, exercise.flush ? { flush: exercise.flush } : {});
    if (runs.verdicts.length === 0 || !allHold(runs.verdicts)) continue;
    return {
      line: a.use.line, thread: a.use.thread, barrier: a.use.name, saving: a.saving,
      ...(a.cheaper ? { cheaper: a.cheaper } : {}), message: a.message,
    };
  }
  return undefined;
}

/**
 * A write barrier before a write can become release on that write; a read
 * barrier after a read can become acquire on that read (when the exercise
 * lets learners change orderings).
 */
function orderingAttempts(source: string, ast: LitmusAst, uses: readonly BarrierUse[], costs: CostTable): Attempt[] {
  const sites = callSites(ast);
  const attempts: Attempt[] = [];
  for (const use of uses) {
    const sameThread = sites.filter((s) => s.thread === use.thread);
    const write = ['smp_wmb', 'smp_mb'].includes(use.name)
      ? sameThread.find((s) => s.name === 'WRITE_ONCE' && s.line > use.line) : undefined;
    const read = ['smp_rmb', 'smp_mb'].includes(use.name)
      ? [...sameThread].reverse().find((s) => s.name === 'READ_ONCE' && s.line < use.line) : undefined;
    if (write) {
      const saving = use.cost - costs.smp_store_release;
      const upgraded = upgrade(source, write, 'smp_store_release');
      attempts.push({
        use, saving, cheaper: 'smp_store_release', edited: upgraded && edit(upgraded, use, undefined),
        message: `${where(use)}: instead of ${use.name}(), make the write on line ${write.line} a smp_store_release(): it orders everything before it, and saves ${saving}.`,
      });
    }
    if (read) {
      const saving = use.cost - costs.smp_load_acquire;
      const upgraded = upgrade(source, read, 'smp_load_acquire');
      attempts.push({
        use, saving, cheaper: 'smp_load_acquire', edited: upgraded && edit(upgraded, use, undefined),
        message: `${where(use)}: instead of ${use.name}(), make the read on line ${read.line} a smp_load_acquire(): it orders everything after it, and saves ${saving}.`,
      });
    }
  }
  return attempts.filter((a) => a.saving > 0);
}

function where(u: BarrierUse): string {
  return `Line ${u.line} (P${u.thread})`;
}

/** `READ_ONCE(*p)` → `smp_load_acquire(p)`, `WRITE_ONCE(*p, v)` → `smp_store_release(p, v)` at `site`. */
function upgrade(source: string, site: CallSite, to: 'smp_load_acquire' | 'smp_store_release'): string | undefined {
  const lines = source.split('\n');
  const line = lines[site.line - 1];
  if (line === undefined) return undefined;
  const rest = line.slice(site.column - 1);
  const call = new RegExp(`^${site.name}\\s*\\(\\s*\\*`).exec(rest);
  if (!call) return undefined;
  lines[site.line - 1] = `${line.slice(0, site.column - 1)}${to}(${rest.slice(call[0].length)}`;
  return lines.join('\n');
}

/** `source` with the call at `use` renamed to `to`, or removed (leaving an empty statement). */
function edit(source: string, use: BarrierUse, to: string | undefined): string | undefined {
  const lines = source.split('\n');
  const line = lines[use.line - 1];
  if (line === undefined || !line.startsWith(use.name, use.column - 1)) return undefined;
  const before = line.slice(0, use.column - 1);
  const after = line.slice(use.column - 1 + use.name.length);
  if (to === 'READ_ONCE' || to === 'WRITE_ONCE') {
    // smp_load_acquire(p) is READ_ONCE(*p) with acquire; smp_store_release(p, v) is WRITE_ONCE(*p, v) with release.
    const open = /^\s*\(/.exec(after);
    if (!open) return undefined;
    lines[use.line - 1] = `${before}${to}(*${after.slice(open[0].length).trimStart()}`;
  } else if (to) {
    lines[use.line - 1] = before + to + after;
  } else {
    // A statement barrier `name(...);`: drop the call, keep the `;` (an empty statement).
    const call = /^\s*\([^()]*\)/.exec(after);
    if (!call) return undefined;
    lines[use.line - 1] = before + after.slice(call[0].length);
  }
  return lines.join('\n');
}

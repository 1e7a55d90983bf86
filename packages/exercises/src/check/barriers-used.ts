// The barriers, orderings and flushes a program uses, and their total cost:
// what grading compares against the reference solution.
import { visitThread, type LitmusAst } from '@barrier-lab/engine';
import { callCost, type CostTable } from '@barrier-lab/engine/explain';

/** One barrier, ordering or flush in the code. */
export interface BarrierUse {
  /** The call as written: `smp_mb`, `smp_load_acquire`, `flush_tlb_page`, ... */
  readonly name: string;
  /** Thread number (`P<n>`). */
  readonly thread: number;
  readonly line: number;
  readonly column: number;
  readonly cost: number;
}

/** A call in a thread's code, where it is written. */
export interface CallSite {
  readonly name: string;
  readonly thread: number;
  readonly line: number;
  readonly column: number;
}

/** Every call of every thread of `ast`, in source order. */
export function callSites(ast: LitmusAst): CallSite[] {
  const sites: CallSite[] = [];
  for (const thread of ast.threads) {
    visitThread(thread, {
      call: (c) => sites.push({ name: c.callee.name, thread: thread.index, line: c.span.line, column: c.span.column }),
    });
  }
  return sites.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Every barrier, ordering and flush of `ast` that `costs` prices (and every
 * kernel builtin with barriers inside), in source order, with its cost.
 */
export function barriersUsed(ast: LitmusAst, costs: Partial<CostTable>): BarrierUse[] {
  return callSites(ast).flatMap((site) => {
    const cost = callCost(site.name, costs);
    return cost === undefined ? [] : [{ ...site, cost }];
  });
}

/** The total cost of `uses`. */
export function totalCost(uses: readonly BarrierUse[]): number {
  return uses.reduce((sum, u) => sum + u.cost, 0);
}

// The barriers, orderings and flushes a program uses, and their total cost:
// what grading compares against the reference solution.
import type { CostTable, Expr, LitmusAst, Stmt } from '@barrier-lab/engine';
import { callCost, isCosted } from './barrier-vocabulary.ts';

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
    const expr = (e: Expr): void => {
      switch (e.kind) {
        case 'number':
        case 'name':
          return;
        case 'unary':
        case 'cast':
          return expr(e.operand);
        case 'binary':
          expr(e.left);
          return expr(e.right);
        case 'conditional':
          expr(e.test);
          expr(e.then);
          return expr(e.otherwise);
        case 'assign':
          expr(e.target);
          return expr(e.value);
        case 'call':
          sites.push({ name: e.callee.name, thread: thread.index, line: e.span.line, column: e.span.column });
          for (const a of e.args) expr(a);
      }
    };
    const stmt = (s: Stmt): void => {
      switch (s.kind) {
        case 'block':
          return s.body.forEach(stmt);
        case 'decl':
          for (const d of s.declarators) if (d.init) expr(d.init);
          return;
        case 'expr':
          return expr(s.expr);
        case 'if':
          expr(s.test);
          stmt(s.then);
          if (s.otherwise) stmt(s.otherwise);
          return;
        case 'while':
          expr(s.test);
          return stmt(s.body);
        case 'for':
          if (s.init) stmt(s.init);
          if (s.test) expr(s.test);
          if (s.update) expr(s.update);
          return stmt(s.body);
        default:
          return;
      }
    };
    stmt(thread.body);
  }
  return sites.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Every barrier, ordering and flush of `ast`, in source order, with its cost. */
export function barriersUsed(ast: LitmusAst, costs: CostTable): BarrierUse[] {
  return callSites(ast)
    .filter((site) => isCosted(site.name))
    .map((site) => ({ ...site, cost: callCost(site.name, costs) }));
}

/** The total cost of `uses`. */
export function totalCost(uses: readonly BarrierUse[]): number {
  return uses.reduce((sum, u) => sum + u.cost, 0);
}

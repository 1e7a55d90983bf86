// Walks over the syntax tree for passes that only look at it: every name and
// call of a thread's code, every atom of a condition. Passes that give a
// construct its own meaning (lowering's declarations, expansion) walk it
// themselves.
import type { CallExpr, ConditionTarget, ConditionValue, Expr, Prop, Stmt, ThreadDecl } from './ast.ts';

/** What a walk over a thread reports. */
export interface ThreadVisitor {
  /** Every identifier: parameters, declared locals, names in the code. */
  readonly name?: (name: string) => void;
  /** Every call, before its arguments. */
  readonly call?: (call: CallExpr) => void;
}

/** Reports every parameter, declaration, name and call of `thread`, in source order. */
export function visitThread(thread: ThreadDecl, visitor: ThreadVisitor): void {
  const name = visitor.name ?? (() => {});
  const call = visitor.call ?? (() => {});
  const expr = (e: Expr): void => {
    switch (e.kind) {
      case 'number':
        return;
      case 'name':
        return name(e.name);
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
        call(e);
        return e.args.forEach(expr);
    }
  };
  const stmt = (s: Stmt): void => {
    switch (s.kind) {
      case 'block':
        return s.body.forEach(stmt);
      case 'decl':
        for (const d of s.declarators) {
          name(d.name.name);
          if (d.init) expr(d.init);
        }
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
      case 'empty':
      case 'break':
      case 'continue':
        return;
    }
  };
  for (const p of thread.params) name(p.name.name);
  stmt(thread.body);
}

/** Calls `atom` with the target and value of every atom of `p`, left to right. */
export function visitProp(p: Prop, atom: (target: ConditionTarget, value: ConditionValue) => void): void {
  switch (p.kind) {
    case 'atom':
      return atom(p.target, p.value);
    case 'and':
    case 'or':
    case 'implies':
      visitProp(p.left, atom);
      return visitProp(p.right, atom);
    case 'not':
      return visitProp(p.operand, atom);
    case 'true':
    case 'false':
      return;
  }
}

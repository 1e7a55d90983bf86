// Small constructors for the AST nodes the kernel builtins expand to. Every
// node gets the span of the builtin's call, so the events of an expansion
// point at the learner's line (and explanations name that line).
import type { BinaryOp, CallExpr, Expr, NameExpr, Stmt } from '../syntax/ast.ts';
import type { Span } from '../syntax/diagnostic.ts';

/** `name(args...)`. */
export const call = (name: string, args: readonly Expr[], span: Span): CallExpr => ({
  kind: 'call', callee: { name, span }, args, span,
});

/** A number; negative numbers are printed in parentheses for herd7. */
export const num = (value: number, span: Span): Expr => ({ kind: 'number', value, span });

/** A register, parameter or location named `name`. */
export const ref = (name: string, span: Span): NameExpr => ({ kind: 'name', name, span });

/** `*e`. */
export const deref = (e: Expr, span: Span): Expr => ({ kind: 'unary', op: '*', operand: e, span });

/** `left op right`. herd7's C has no `&&` or `||`: combine comparisons with `&` and `|`. */
export const bin = (op: BinaryOp, left: Expr, right: Expr, span: Span): Expr => ({
  kind: 'binary', op, left, right, span,
});

/** `target = value`. */
export const assign = (target: Expr, value: Expr, span: Span): Expr => ({ kind: 'assign', op: '=', target, value, span });

/** `e;`. */
export const exprStmt = (e: Expr, span: Span): Stmt => ({ kind: 'expr', expr: e, span });

/** `if (test) { then } else { otherwise }`, the else part only when given. */
export const ifStmt = (test: Expr, then: readonly Stmt[], otherwise: readonly Stmt[] | undefined, span: Span): Stmt => ({
  kind: 'if', test, then: { kind: 'block', body: then, span },
  ...(otherwise ? { otherwise: { kind: 'block', body: otherwise, span } } : {}), span,
});

/** The last argument: kernel signatures put the object last (`set_pte_at(mm, addr, ptep, pte)` aside). */
export const last = (args: readonly Expr[]): Expr => args[args.length - 1]!;

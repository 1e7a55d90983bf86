// Rewrites a litmus test's threads so every kernel builtin (kernel-objects.ts)
// becomes the primitives it stands for. The result is an ordinary herd7 C test
// with the same spans, so events still point at the learner's lines.
import type { Expr, LitmusAst, Stmt, ThreadDecl } from '../syntax/ast.ts';
import type { Diagnostic, Span } from '../syntax/diagnostic.ts';
import { kernelBuiltin, kernelConstants, statementBuiltins, type FlushFlavour } from './kernel-objects.ts';

export interface ExpandResult {
  readonly ast: LitmusAst;
  readonly diagnostics: readonly Diagnostic[];
  /** Whether any kernel builtin or constant was used. */
  readonly usedKernelObjects: boolean;
}

/** Expands the kernel builtins of every thread of `ast` under the given flush flavour. */
export function expandKernelObjects(ast: LitmusAst, flush: FlushFlavour): ExpandResult {
  const diagnostics: Diagnostic[] = [];
  let used = false;

  const threads = ast.threads.map((thread): ThreadDecl => {
    const declared = new Set(thread.params.map((p) => p.name.name));

    const expr = (e: Expr): Expr => {
      switch (e.kind) {
        case 'number':
          return e;
        case 'name': {
          const constant = kernelConstants.get(e.name);
          if (constant !== undefined && !declared.has(e.name)) {
            used = true;
            return { kind: 'number', value: constant, span: e.span };
          }
          return e;
        }
        case 'unary':
        case 'cast':
          return { ...e, operand: expr(e.operand) };
        case 'binary':
          return { ...e, left: expr(e.left), right: expr(e.right) };
        case 'conditional':
          return { ...e, test: expr(e.test), then: expr(e.then), otherwise: expr(e.otherwise) };
        case 'assign':
          return { ...e, target: expr(e.target), value: expr(e.value) };
        case 'call': {
          const args = e.args.map(expr);
          const builtin = kernelBuiltin(e.callee.name);
          if (!builtin) return { ...e, args };
          used = true;
          if (!builtin.arities.includes(args.length)) {
            diagnostics.push({
              code: 'lower/arity', severity: 'error', span: e.span,
              message: `'${builtin.name}' takes ${builtin.arities.join(' or ')} argument(s), not ${args.length}`,
            });
            return { ...e, args };
          }
          const expansion = builtin.expand(args, e.span, flush);
          if ('expr' in expansion) return expansion.expr;
          diagnostics.push({
            code: 'lower/no-value', severity: 'error', span: e.span,
            message: `'${builtin.name}' is a statement here (${expansion.nothing}); it has no value`,
          });
          return { kind: 'number', value: 0, span: e.span };
        }
      }
    };

    /** A statement, or the statements it expands to. */
    const stmt = (s: Stmt): Stmt[] => {
      switch (s.kind) {
        case 'block':
          return [{ ...s, body: s.body.flatMap(stmt) }];
        case 'decl':
          for (const d of s.declarators) declared.add(d.name.name);
          return [{ ...s, declarators: s.declarators.map((d) => (d.init ? { ...d, init: expr(d.init) } : d)) }];
        case 'expr':
          return expressionStatement(s.expr, s.span);
        case 'if': {
          const otherwise = s.otherwise ? block(stmt(s.otherwise), s.otherwise.span) : undefined;
          return [{ ...s, test: expr(s.test), then: block(stmt(s.then), s.then.span), ...(otherwise ? { otherwise } : {}) }];
        }
        case 'while':
          return [{ ...s, test: expr(s.test), body: block(stmt(s.body), s.body.span) }];
        case 'for': {
          const init = s.init ? stmt(s.init) : [];
          const initStmt = init.length === 1 && (init[0]!.kind === 'decl' || init[0]!.kind === 'expr') ? init[0] : undefined;
          return [{
            ...s,
            ...(initStmt ? { init: initStmt as Extract<Stmt, { kind: 'decl' | 'expr' }> } : {}),
            ...(s.test ? { test: expr(s.test) } : {}),
            ...(s.update ? { update: expr(s.update) } : {}),
            body: block(stmt(s.body), s.body.span),
          }];
        }
        case 'empty':
        case 'break':
        case 'continue':
          return [s];
      }
    };

    /** `f(...);` or `x = f(...);`, where f may vanish or become two statements. */
    const expressionStatement = (e: Expr, span: Span): Stmt[] => {
      const callOf = (x: Expr) => (x.kind === 'call' ? x : undefined);
      const direct = callOf(e);
      const assigned = e.kind === 'assign' && e.op === '=' ? callOf(e.value) : undefined;
      const c = direct ?? assigned;
      if (c && statementBuiltins.has(c.callee.name)) {
        used = true;
        // ptep_clear_flush(): clear the PTE, then flush the TLB.
        const clear: Expr = { ...c, callee: { ...c.callee, name: 'ptep_get_and_clear' } };
        const first: Expr = direct ? clear : { ...(e as Extract<Expr, { kind: 'assign' }>), value: clear };
        const flushCall: Expr = { kind: 'call', callee: { name: 'flush_tlb_page', span: c.callee.span }, args: [], span: c.span };
        return [...expressionStatement(first, span), ...expressionStatement(flushCall, span)];
      }
      if (direct) {
        const builtin = kernelBuiltin(direct.callee.name);
        if (builtin && builtin.arities.includes(direct.args.length)) {
          const expansion = builtin.expand(direct.args.map(expr), direct.span, flush);
          used = true;
          if ('nothing' in expansion) return [{ kind: 'empty', span }];
          return [{ kind: 'expr', expr: expansion.expr, span }];
        }
      }
      return [{ kind: 'expr', expr: expr(e), span }];
    };

    const block = (stmts: Stmt[], span: Span): Stmt => (stmts.length === 1 ? stmts[0]! : { kind: 'block', body: stmts, span });

    return { ...thread, body: { ...thread.body, body: thread.body.body.flatMap(stmt) } };
  });

  return { ast: { ...ast, threads }, diagnostics, usedKernelObjects: used };
}

// Rewrites a litmus test's threads so every kernel builtin (kernel-objects.ts)
// becomes the primitives it stands for. The result is an ordinary herd7 C test
// with the same spans, so events still point at the learner's lines.
//
// Expression builtins are replaced where they stand. Statement builtins
// (several statements: barriers, branches, a clear and a flush) must be
// statements of their own, `f(...);` or `ret = f(...);` or `int ret = f(...);`,
// and are replaced by their statements, which are expanded in turn. When a
// program makes user accesses through the TLB, every thread gets the TLB's
// SRCU domain as a hidden `struct srcu_struct *` parameter, and hidden
// registers are declared at the top of the threads that need them. Kernel
// constants become their values in the code, the init block and the
// conditions alike.
import type {
  CallExpr, ConditionTarget, ConditionValue, DeclStmt, Expr, InitItem, InitValue, LitmusAst, NameExpr, Param, Prop, Stmt, ThreadDecl,
} from '../syntax/ast.ts';
import type { Diagnostic, Span } from '../syntax/diagnostic.ts';
import {
  kernelBuiltin, kernelConstants, statementBuiltin, type FlushFlavour, type KernelArch, type StatementBuiltin, type StatementContext,
} from './kernel-objects.ts';
import { primitive } from './primitives.ts';
import { freshName, programNames, threadNames } from './kernel-objects-hidden-names.ts';
import { visitProp, visitThread } from '../syntax/visit.ts';

/** A register an expansion declared at the top of a thread: `base` (`ignored`, `tlb_idx`, `tlb_pte`) as named there. */
export interface HiddenRegister {
  readonly thread: number;
  readonly base: string;
  readonly name: string;
}

/** The names an expansion added to the program. */
export interface HiddenNames {
  /** The TLB's SRCU domain, a `struct srcu_struct *` parameter of every thread, when the program makes user accesses. */
  readonly tlb?: string;
  /** Hidden registers, by thread then in the order they were taken. */
  readonly registers: readonly HiddenRegister[];
}

export interface ExpandResult {
  readonly ast: LitmusAst;
  readonly diagnostics: readonly Diagnostic[];
  /** Whether any kernel builtin or constant was used. */
  readonly usedKernelObjects: boolean;
  readonly hidden: HiddenNames;
}

/**
 * Expands the kernel builtins of every thread of `ast` under the given flush
 * flavour, as the `arch` implementation of the kernel has them (default: the
 * generic one).
 */
export function expandKernelObjects(ast: LitmusAst, flush: FlushFlavour, arch: KernelArch = 'generic'): ExpandResult {
  const diagnostics: Diagnostic[] = [];
  let used = false;
  const error = (code: string, message: string, span: Span) => diagnostics.push({ code, message, span, severity: 'error' });

  const allNames = programNames(ast);
  // Most tests (every herd7 test) use no kernel object: nothing to rewrite.
  if (!ast.threads.some(callsKernelBuiltin) && ![...allNames].some((name) => kernelConstants.has(name))) {
    return { ast, diagnostics, usedKernelObjects: false, hidden: { registers: [] } };
  }
  const tlb = ast.threads.some(usesTlb) ? freshName('tlb', allNames) : undefined;

  const registers: HiddenRegister[] = [];
  const threads = ast.threads.map((thread): ThreadDecl => {
    const declared = new Set(thread.params.map((p) => p.name.name));
    const taken = new Set([...threadNames(thread), ...(tlb ? [tlb] : [])]);
    const hidden = new Map<string, string>();
    const context: StatementContext = {
      flush, arch, tlb,
      register(base) {
        let name = hidden.get(base);
        if (name === undefined) {
          name = freshName(base, taken);
          taken.add(name);
          hidden.set(base, name);
        }
        return name;
      },
    };

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
          const statement = statementBuiltin(e.callee.name);
          if (statement) {
            used = true;
            error('lower/statement-builtin', `'${statement.name}()' must be a statement of its own: \`${statement.usage}\``, e.span);
            return { kind: 'number', value: 0, span: e.span };
          }
          const builtin = kernelBuiltin(e.callee.name);
          if (!builtin) return { ...e, args };
          used = true;
          if (!arityOk(builtin.name, builtin.arities, args.length, e.span)) return { ...e, args };
          return builtin.expand(args, e.span, flush).expr;
        }
      }
    };

    const arityOk = (name: string, arities: readonly number[], count: number, span: Span): boolean => {
      if (arities.includes(count)) return true;
      error('lower/arity', `'${name}' takes ${arities.join(' or ')} argument(s), not ${count}`, span);
      return false;
    };

    /** A statement, or the statements it expands to. */
    const stmt = (s: Stmt): Stmt[] => {
      switch (s.kind) {
        case 'block':
          return [{ ...s, body: s.body.flatMap(stmt) }];
        case 'decl':
          return declaration(s);
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

    /** `int a = 1, ret = f(...);` becomes `int a = 1;`, `int ret;` and f's statements. */
    const declaration = (s: DeclStmt): Stmt[] => {
      const splits = s.declarators.some((d) => d.init && statementCall(d.init));
      if (!splits) {
        for (const d of s.declarators) declared.add(d.name.name);
        return [{ ...s, declarators: s.declarators.map((d) => (d.init ? { ...d, init: expr(d.init) } : d)) }];
      }
      return s.declarators.flatMap((d) => {
        const c = d.init ? statementCall(d.init) : undefined;
        if (!c) return declaration({ ...s, declarators: [d] });
        declared.add(d.name.name);
        const { init: _init, ...bare } = d;
        const result: NameExpr = { kind: 'name', name: d.name.name, span: d.name.span };
        return [{ ...s, declarators: [bare] }, ...expandStatement(c.call, c.builtin, result)];
      });
    };

    /** `f(...);` or `x = f(...);`, where f may be a statement builtin. */
    const expressionStatement = (e: Expr, span: Span): Stmt[] => {
      const direct = statementCall(e);
      if (direct) return expandStatement(direct.call, direct.builtin, undefined);
      if (e.kind === 'assign' && e.op === '=') {
        const assigned = statementCall(e.value);
        if (assigned) {
          if (e.target.kind === 'name') return expandStatement(assigned.call, assigned.builtin, e.target);
          used = true;
          error('lower/statement-builtin', `'${assigned.builtin.name}()' must assign its result to a register: \`${assigned.builtin.usage}\``, e.target.span);
          return [{ kind: 'empty', span }];
        }
      }
      const expanded = expr(e);
      // herd7 takes a value-returning primitive only on the right of `=`:
      // `ptep_get(ptep);` keeps its value in a hidden register.
      if (e.kind === 'call' && kernelBuiltin(e.callee.name) && returnsValue(expanded)) {
        return [{ kind: 'expr', expr: { kind: 'assign', op: '=', target: { kind: 'name', name: context.register('ignored'), span }, value: expanded, span }, span }];
      }
      return [{ kind: 'expr', expr: expanded, span }];
    };

    /** The statements a statement builtin stands for, themselves expanded. */
    const expandStatement = (c: CallExpr, builtin: StatementBuiltin, result: NameExpr | undefined): Stmt[] => {
      used = true;
      const nothing: Stmt[] = [{ kind: 'empty', span: c.span }];
      if (!arityOk(builtin.name, builtin.arities, c.args.length, c.span)) return nothing;
      if (builtin.result === 'required' && !result) {
        error('lower/statement-builtin', `'${builtin.name}()' gives a result the code must look at; assign it: \`${builtin.usage}\``, c.span);
        return nothing;
      }
      if (builtin.result === 'none' && result) {
        error('lower/no-value', `'${builtin.name}()' has no value; write it as a statement of its own: \`${builtin.usage}\``, c.span);
        return nothing;
      }
      const stmts = builtin.expand({ args: c.args, ...(result ? { result } : {}), span: c.span }, context).flatMap(stmt);
      return stmts.length > 0 ? stmts : nothing;
    };

    const block = (stmts: Stmt[], span: Span): Stmt => (stmts.length === 1 ? stmts[0]! : { kind: 'block', body: stmts, span });

    const body = thread.body.body.flatMap(stmt);
    const span = thread.body.span;
    for (const [base, name] of hidden) registers.push({ thread: thread.index, base, name });
    const decls: DeclStmt[] = [...hidden.values()].map((name) => ({
      kind: 'decl', type: { base: 'int', pointer: 0, span }, declarators: [{ name: { name, span }, pointer: 0, span }], span,
    }));
    const tlbParam: Param[] = tlb ? [{ type: { base: 'struct srcu_struct', pointer: 1, span: thread.span }, name: { name: tlb, span: thread.span }, span: thread.span }] : [];
    return { ...thread, params: [...thread.params, ...tlbParam], body: { ...thread.body, body: [...decls, ...body] } };
  });

  // Kernel constants in the init block and the conditions (`pte=PTE_WRITE;`,
  // `exists (1:r0=PTE_WRITE)`): herd7 would read such a name as the address
  // of a location; kernel-C means the constant, unless the program declares
  // a location of that name. Other names stay addresses, as in herd7.
  const locationNames = declaredLocations(ast);
  // NULL is left alone: herd7 reads `p=NULL` and `0:r0=NULL` as its own null
  // pointer and prints it as NULL, which an address of a location `NULL` matches.
  const constant = (name: string): number | undefined =>
    (locationNames.has(name) || name === 'NULL' ? undefined : kernelConstants.get(name));
  const value = <V extends InitValue | ConditionValue>(v: V): V | { kind: 'number'; value: number; span: Span } => {
    const c = v.kind === 'address' ? constant(v.name) : undefined;
    if (c === undefined) return v;
    used = true;
    return { kind: 'number', value: c, span: v.span };
  };
  const prop = (p: Prop): Prop => {
    switch (p.kind) {
      case 'atom':
        return { ...p, value: value(p.value) };
      case 'and':
      case 'or':
      case 'implies':
        return { ...p, left: prop(p.left), right: prop(p.right) };
      case 'not':
        return { ...p, operand: prop(p.operand) };
      case 'true':
      case 'false':
        return p;
    }
  };
  const init = ast.init.map((item): InitItem => (item.value ? { ...item, value: value(item.value) } : item));
  const filter = ast.filter ? prop(ast.filter) : undefined;
  const condition = ast.condition ? { ...ast.condition, prop: prop(ast.condition.prop) } : undefined;

  return {
    ast: { ...ast, init, threads, ...(filter ? { filter } : {}), ...(condition ? { condition } : {}) },
    diagnostics,
    usedKernelObjects: used,
    hidden: { ...(tlb ? { tlb } : {}), registers },
  };
}

/** The locations a program declares: its threads' parameters, the init block's locations and those the conditions read. */
function declaredLocations(ast: LitmusAst): Set<string> {
  const names = new Set<string>();
  for (const t of ast.threads) for (const p of t.params) names.add(p.name.name);
  for (const item of ast.init) if (item.target.kind === 'location') names.add(item.target.name);
  const target = (t: ConditionTarget) => {
    if (t.kind === 'location') names.add(t.name);
  };
  ast.locations.forEach(target);
  if (ast.filter) visitProp(ast.filter, target);
  if (ast.condition) visitProp(ast.condition.prop, target);
  return names;
}

/** `e` when it is a call of a statement builtin. */
function statementCall(e: Expr): { call: CallExpr; builtin: StatementBuiltin } | undefined {
  const builtin = e.kind === 'call' ? statementBuiltin(e.callee.name) : undefined;
  return builtin && e.kind === 'call' ? { call: e, builtin } : undefined;
}

/** Whether `e` is a call of a primitive that returns a value (herd7 refuses it as a statement). */
function returnsValue(e: Expr): boolean {
  const p = e.kind === 'call' ? primitive(e.callee.name) : undefined;
  return p !== undefined && p.kind !== 'store' && p.kind !== 'fence' && p.kind !== 'sync-srcu' && p.kind !== 'atomic-op' && p.kind !== 'lock' && p.kind !== 'unlock';
}

/** Whether `thread` calls a kernel builtin (an expression or a statement one). */
function callsKernelBuiltin(thread: ThreadDecl): boolean {
  let found = false;
  visitThread(thread, {
    call: (c) => {
      if (kernelBuiltin(c.callee.name) || statementBuiltin(c.callee.name)) found = true;
    },
  });
  return found;
}

/** Whether `thread` makes a user access through the TLB. */
function usesTlb(thread: ThreadDecl): boolean {
  let found = false;
  visitThread(thread, {
    call: (c) => {
      if (statementBuiltin(c.callee.name)?.throughTlb) found = true;
    },
  });
  return found;
}

// The edit rule: what a learner may change in the starter code (the
// course's one rule, schema/may-change.ts). Both texts are parsed and
// compared as syntax, so whitespace, comments and braces around a single
// statement never count as edits; barrier statements the exercise prices
// are dropped before the comparison, so adding, moving or removing them is
// free, and a priced ordering or flush compares equal to its plain twin.
// The first difference is reported on the learner's line, with the
// starter's text for that place and the exercise's own "You may change" sentence.
import { type Diagnostic, type Expr, type LitmusAst, type Span, type Stmt, type ThreadDecl } from '@barrier-lab/engine';
import { barrierStatements, flushingCalls, orderedAccesses, type CostTable } from '@barrier-lab/engine/explain';
import type { EditRule, MayChange } from '../schema/exercise.ts';

/** One comparable piece of a thread: a statement, or the start/end of an `if`/loop. */
interface Unit {
  readonly key: string;
  readonly span: Span;
}

/** What an exercise allows: its rule, its prices and the sentence that says so. */
export interface EditPermission {
  readonly edits: EditRule;
  readonly costs: Partial<CostTable>;
  readonly mayChange: Pick<MayChange, 'sentence'>;
}

/** Where `submission` breaks the edit rule against `starter` (both parsed): at most one diagnostic, at the first difference. */
export function checkEditRules(
  starter: { readonly ast: LitmusAst; readonly source: string },
  submission: { readonly ast: LitmusAst; readonly source: string },
  allowed: EditPermission,
): Diagnostic[] {
  const rule = allowed.edits;
  const canonical = canonicalizer(allowed.costs);
  const lineOf = (source: string, line: number) => (source.split('\n')[line - 1] ?? '').trim();
  const problem = (span: Span, starterSpan: Span | undefined, what: string): Diagnostic[] => [{
    code: 'edit/not-allowed',
    severity: 'error',
    span,
    message: `${capitalise(what)}. ${allowed.mayChange.sentence}`,
    hint: starterSpan && starterSpan.line > 0
      ? `The starter code has here: ${lineOf(starter.source, starterSpan.line)}`
      : 'Start again from the starter code and change only what the exercise allows.',
  }];

  const a = starter.ast;
  const b = submission.ast;
  if (canonical(a.init) !== canonical(b.init)) {
    const at = firstDifferent(a.init, b.init, canonical);
    return problem(at.b?.span ?? b.span, at.a?.span ?? a.span, 'the initial state differs from the starter code');
  }
  if (a.threads.length !== b.threads.length) {
    const extra = b.threads[a.threads.length];
    return problem(extra?.name.span ?? b.span, undefined, `the starter code has ${a.threads.length} threads, this has ${b.threads.length}`);
  }
  for (let t = 0; t < a.threads.length; t++) {
    const ta = a.threads[t]!;
    const tb = b.threads[t]!;
    if (ta.index !== tb.index || canonical(ta.params) !== canonical(tb.params)) {
      return problem(tb.name.span, ta.name.span, `the header of P${tb.index} differs from the starter code`);
    }
    if (rule === 'code') continue;
    const difference = firstDifference(ta, tb, allowed.costs);
    if (difference?.missing) return problem(difference.span, difference.starterSpan, `something of the starter code of P${tb.index} is missing here`);
    if (difference) {
      const found = problem(difference.span, difference.starterSpan, `this differs from the starter code of P${tb.index}`);
      // `smp_mb;` is a barrier's name, not a call: the learner meant a barrier, and reads "you may change only barriers".
      const bare = /^(\w+)\s*;/.exec(lineOf(submission.source, difference.span.line));
      if (bare && barrierStatements.has(bare[1]!)) return [{ ...found[0]!, hint: `${bare[1]} without parentheses is not a call: write ${bare[1]}();` }];
      return found;
    }
  }
  const conditionText = (ast: LitmusAst) => canonical([ast.locations, ast.filter ?? null, ast.condition ?? null]);
  if (conditionText(a) !== conditionText(b)) {
    const span = b.condition?.span ?? b.filter?.span ?? b.span;
    return problem(span, a.condition?.span, 'the condition is the exercise\'s property and must stay as it is');
  }
  return [];
}

/** Where a thread first differs from the starter's, compared as syntax. */
export interface ThreadDifference {
  /** In the submission: the first differing statement, or the closing brace when the submission stops short. */
  readonly span: Span;
  /** In the starter: the statement at that place, if it has one. */
  readonly starterSpan?: Span;
  /** The submission lacks what the starter has from `starterSpan` on. */
  readonly missing: boolean;
}

/**
 * The first place where `submission`'s body differs from `starter`'s, or
 * undefined when they are the same as syntax: the barriers `costs` prices
 * left out, a priced ordering or flush equal to its plain twin. With
 * `skipDeclarations`, declarations without a value are left out too (to
 * point at what a change does, not at a variable it no longer needs).
 */
export function firstDifference(
  starter: ThreadDecl, submission: ThreadDecl, costs: Partial<CostTable>, options: { readonly skipDeclarations?: boolean } = {},
): ThreadDifference | undefined {
  const canonical = canonicalizer(costs);
  const free = pricedBarrier(costs);
  const ua = units(starter.body.body, canonical, free, options.skipDeclarations);
  const ub = units(submission.body.body, canonical, free, options.skipDeclarations);
  const n = Math.min(ua.length, ub.length);
  for (let i = 0; i <= n; i++) {
    if (i < n && ua[i]!.key === ub[i]!.key) continue;
    if (i === ua.length && i === ub.length) return undefined;
    if (i < ub.length) return { span: ub[i]!.span, ...(ua[i] ? { starterSpan: ua[i]!.span } : {}), missing: false };
    return { span: closingBrace(submission.body.span), starterSpan: ua[i]!.span, missing: true };
  }
  return undefined;
}

/** Whether a call is a barrier statement the exercise prices (and so may come and go freely). */
function pricedBarrier(costs: Partial<CostTable>): (name: string) => boolean {
  return (name) => {
    const kind = barrierStatements.get(name);
    return kind !== undefined && costs[kind] !== undefined;
  };
}

/**
 * A function giving the comparable text of a piece of syntax: spans
 * dropped, and the renamings the prices allow applied (a flushing call is its
 * unflushed twin; a priced ordering is its plain access).
 */
function canonicalizer(costs: Partial<CostTable>): (node: unknown) => string {
  return (node) => JSON.stringify(node, (key, value: unknown) => {
    if (key === 'span') return undefined;
    if (value && typeof value === 'object' && (value as { kind?: unknown }).kind === 'call') {
      const call = value as Extract<Expr, { kind: 'call' }>;
      const name = (costs.flush !== undefined ? flushingCalls.get(call.callee.name) : undefined) ?? call.callee.name;
      const ordered = orderedAccesses.find((o) => o.ordered === name && costs[o.kind] !== undefined);
      if (ordered && call.args.length > 0) {
        // smp_load_acquire(p) is READ_ONCE(*p); smp_store_release(p, v) is WRITE_ONCE(*p, v);
        // atomic_read_acquire(v) is atomic_read(v).
        const [pointer, ...rest] = call.args;
        return { kind: 'call', callee: ordered.plain, args: [ordered.deref ? deref(pointer!) : pointer!, ...rest] };
      }
      return { kind: 'call', callee: name, args: call.args };
    }
    return value;
  });
}

/** `*p`, written so that `*&x` and `x` compare equal. */
function deref(pointer: Expr): Expr {
  if (pointer.kind === 'unary' && pointer.op === '&') return pointer.operand;
  return { kind: 'unary', op: '*', operand: pointer, span: pointer.span };
}

/** The comparable pieces of a statement list, the `free` barrier statements (and maybe bare declarations) left out and blocks flattened. */
function units(stmts: readonly Stmt[], canonical: (node: unknown) => string, free: (name: string) => boolean, skipDeclarations = false): Unit[] {
  const out: Unit[] = [];
  const visit = (s: Stmt): void => {
    switch (s.kind) {
      case 'block':
        return s.body.forEach(visit);
      case 'empty':
        return;
      case 'expr':
        if (s.expr.kind === 'call' && free(s.expr.callee.name)) return;
        out.push({ key: `expr ${canonical(s.expr)}`, span: s.span });
        return;
      case 'decl':
        if (skipDeclarations && s.declarators.every((d) => d.init === undefined)) return;
        out.push({ key: `decl ${canonical(s)}`, span: s.span });
        return;
      case 'if':
        out.push({ key: `if ${canonical(s.test)}`, span: s.test.span });
        visit(s.then);
        out.push({ key: 'else', span: s.otherwise?.span ?? s.span });
        if (s.otherwise) visit(s.otherwise);
        out.push({ key: 'end if', span: s.span });
        return;
      case 'while':
        out.push({ key: `while ${s.doWhile} ${canonical(s.test)}`, span: s.test.span });
        visit(s.body);
        out.push({ key: 'end while', span: s.span });
        return;
      case 'for':
        out.push({ key: `for ${canonical([s.init ?? null, s.test ?? null, s.update ?? null])}`, span: s.span });
        visit(s.body);
        out.push({ key: 'end for', span: s.span });
        return;
      case 'break':
      case 'continue':
        out.push({ key: s.kind, span: s.span });
    }
  };
  stmts.forEach(visit);
  return out;
}

function firstDifferent<T extends { readonly span: Span }>(
  a: readonly T[], b: readonly T[], canonical: (node: unknown) => string,
): { a?: T; b?: T } {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y || canonical(x) !== canonical(y)) return { ...(x ? { a: x } : {}), ...(y ? { b: y } : {}) };
  }
  return {};
}

/** A span on the last line of a thread's body (its closing brace). */
function closingBrace(body: Span): Span {
  return { ...body, line: body.endLine, column: Math.max(1, body.endColumn - 1) };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

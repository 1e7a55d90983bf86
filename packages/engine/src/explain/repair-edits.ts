// The one module of barrier edits, found on the AST and applied to the
// text. A repair adds ordering: a barrier inserted between two statements
// that access memory (top level of a thread, or inside an `if` body), a
// READ_ONCE()/WRITE_ONCE() upgraded to smp_load_acquire()/smp_store_release(),
// smp_mb__{before,after}_atomic() around an atomic operation that does not
// already imply a full barrier (kernel builtins included: try_grab_folio() is
// an atomic_add()). A cheaper answer takes it away: a barrier or flush
// removed, weakened to a cheaper barrier, an ordering downgraded to the plain
// access, ptep_clear_flush() traded for ptep_get_and_clear().
import type { Expr, LitmusAst, Stmt } from '../syntax/ast.ts';
import type { Span } from '../syntax/diagnostic.ts';
import { expandKernelObjects } from '../program/expand-kernel-objects.ts';
import { primitive } from '../program/primitives.ts';
import {
  barrierStatements, defaultCosts, flushingCalls, orderedAccesses, weakerBarriers, type CostTable, type RepairKind,
} from './barrier-vocabulary.ts';

/**
 * One edit of the source text. `insert` and `upgrade` add ordering (a
 * repair); `remove` and `downgrade` take it away (a cheaper answer), and
 * cost less than nothing.
 */
export interface BarrierEdit {
  /** Stable key, unique within one program's candidates. */
  readonly key: string;
  readonly thread: number;
  /** The cost kind added, or (`remove`, `downgrade`) taken away. */
  readonly kind: RepairKind;
  readonly action: 'insert' | 'upgrade' | 'remove' | 'downgrade';
  /** Inserts: the line of the statement the barrier goes before; the others: the call's line. */
  readonly line: number;
  /** The call's column (inserts: the column of the statement the barrier goes before). */
  readonly column: number;
  /** Edits of the same slot exclude each other: a repair puts at most one barrier in each place. */
  readonly slot: string;
  /** `insert smp_wmb() before line 13 in P0`, `smp_mb() -> smp_wmb() on line 12 in P0`, `remove smp_rmb() on line 21 in P1`. */
  readonly description: string;
  /** What the edit adds to the program's cost: negative for `remove` and `downgrade`. */
  readonly cost: number;
  /** `remove`, `downgrade`: the call as written (`smp_mb`). */
  readonly from?: string;
  /** `downgrade`: the call it becomes (`smp_wmb`, `READ_ONCE`, `ptep_get_and_clear`). */
  readonly to?: string;
  /** The text edit: delete `length` characters at `offset`, then insert `text`. */
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

/** An edit a repair may make: one that adds ordering. */
export interface RepairEdit extends BarrierEdit {
  readonly action: 'insert' | 'upgrade';
}

/** Every candidate edit of `ast` (parsed from `source`), in source order. */
export function candidateEdits(ast: LitmusAst, source: string, costs: CostTable = defaultCosts): RepairEdit[] {
  const { offsetOf, slice } = textOf(source);
  const edits: RepairEdit[] = [];
  const relaxed = relaxedAtomicCalls(ast);
  const relaxedAtomic = (s: Stmt) => callsRelaxedAtomic(s, relaxed);

  for (const thread of ast.threads) {
    const t = thread.index;
    const insert = (kind: RepairKind, before: Stmt, where: string) => {
      const lineStart = offsetOf(before.span.line, 1);
      const prefix = source.slice(lineStart, offsetOf(before.span.line, before.span.column));
      const own = prefix.trim() === '';
      const text = own ? `${prefix}${kind}();\n` : `${kind}(); `;
      edits.push({
        key: `P${t}:${kind}@${before.span.line}:${before.span.column}`,
        thread: t,
        kind,
        action: 'insert',
        line: before.span.line,
        column: before.span.column,
        slot: `P${t}@${before.span.line}:${before.span.column}`,
        description: `insert ${kind}() ${where} in P${t}`,
        cost: costs[kind],
        offset: own ? lineStart : offsetOf(before.span.line, before.span.column),
        length: 0,
        text,
      });
    };
    const walk = (list: readonly Stmt[], nested: boolean) => {
      const accessing = list.filter(accesses);
      accessing.forEach((s, i) => {
        const previous = accessing[i - 1];
        if (previous || nested) {
          for (const kind of ['smp_mb', 'smp_rmb', 'smp_wmb'] as const) insert(kind, s, `before line ${s.span.line}`);
          if (previous && relaxedAtomic(previous)) insert('smp_mb__after_atomic', s, `after the atomic operation on line ${previous.span.line}`);
          if (relaxedAtomic(s)) insert('smp_mb__before_atomic', s, `before the atomic operation on line ${s.span.line}`);
        }
        if (s.kind === 'if') {
          // Only braced bodies: a line inserted before `else stmt;` would leave stmt outside the branch.
          for (const branch of [s.then, s.otherwise]) if (branch?.kind === 'block') walk(branch.body, true);
        }
      });
    };
    walk(thread.body.body, false);

    // Plain accesses: `*x = v` becomes smp_store_release(x, v); `r = *x` reads with smp_load_acquire(x).
    for (const e of plainAccessesIn(thread.body.body)) {
      const store = e.kind === 'assign';
      const deref = store ? e.target : e;
      if (deref.kind !== 'unary') continue;
      const kind: RepairKind = store ? 'smp_store_release' : 'smp_load_acquire';
      const text = store ? `smp_store_release(${slice(deref.operand.span)}, ${slice(e.value.span)})` : `smp_load_acquire(${slice(deref.operand.span)})`;
      edits.push({
        key: `P${t}:${kind}@${e.span.line}:${e.span.column}`,
        thread: t,
        kind,
        action: 'upgrade',
        line: e.span.line,
        column: e.span.column,
        slot: `P${t}!${e.span.line}:${e.span.column}`,
        description: `plain ${store ? 'store' : 'load'} ${slice(e.span)} -> ${kind}() on line ${e.span.line} in P${t}`,
        cost: costs[kind],
        offset: offsetOf(e.span.line, e.span.column),
        length: offsetOf(e.span.endLine, e.span.endColumn) - offsetOf(e.span.line, e.span.column),
        text,
      });
    }

    // Only the head of the call is rewritten (`WRITE_ONCE(*` becomes
    // `smp_store_release(`), so an upgrade never overlaps one nested in its arguments.
    for (const call of callsIn(thread.body.body)) {
      const upgrade = upgradeOf(call.callee.name);
      const target = call.args[0];
      if (!upgrade) continue;
      let headEnd: number;
      if (target?.kind === 'unary' && target.op === '*' && (call.callee.name === 'READ_ONCE' || call.callee.name === 'WRITE_ONCE')) {
        headEnd = offsetOf(target.span.line, target.span.column) + 1; // just past the `*`
      } else if (call.callee.name.startsWith('atomic_')) {
        headEnd = offsetOf(call.callee.span.endLine, call.callee.span.endColumn);
      } else {
        continue;
      }
      const kind: RepairKind = upgrade.includes('acquire') ? 'smp_load_acquire' : 'smp_store_release';
      const offset = offsetOf(call.span.line, call.span.column);
      edits.push({
        key: `P${t}:${upgrade}@${call.span.line}:${call.span.column}`,
        thread: t,
        kind,
        action: 'upgrade',
        line: call.span.line,
        column: call.span.column,
        slot: `P${t}!${call.span.line}:${call.span.column}`,
        description: `${call.callee.name}() -> ${upgrade}() on line ${call.span.line} in P${t}`,
        cost: costs[kind],
        offset,
        length: headEnd - offset,
        text: call.callee.name.startsWith('atomic_') ? upgrade : `${upgrade}(`,
      });
    }
  }
  edits.sort((a, b) => a.offset - b.offset || a.key.localeCompare(b.key));
  // A marked access inside a plain store (`*x = READ_ONCE(*y)`) lies in text
  // the store's upgrade rewrites whole: keep the store's, drop the other.
  return edits.filter((e, i) => !edits.some((o, j) => j !== i && o.length > 0 && overlaps(o, e) && (o.offset < e.offset || (o.offset === e.offset && j < i))));
}

/** Whether `b` touches text that `a` rewrites (an insert at `a`'s start goes before it and does not). */
function overlaps(a: RepairEdit, b: RepairEdit): boolean {
  if (a.length === 0) return false;
  const end = a.offset + a.length;
  return b.length === 0 ? b.offset > a.offset && b.offset < end : b.offset < end && a.offset < b.offset + b.length;
}

/**
 * Every edit that makes `ast` (parsed from `source`) cheaper by one step, in
 * source order: each barrier statement removed or weakened to each cheaper
 * barrier, each ordered access downgraded to its plain form, each
 * ptep_clear_flush() traded for ptep_get_and_clear(). Costs are the change
 * (negative); an edit that would save nothing is left out.
 */
export function reductionEdits(ast: LitmusAst, source: string, costs: CostTable = defaultCosts): BarrierEdit[] {
  const { offsetOf } = textOf(source);
  const edits: BarrierEdit[] = [];
  for (const thread of ast.threads) {
    const t = thread.index;
    const at = (call: Extract<Expr, { kind: 'call' }>) => ({
      thread: t, line: call.span.line, column: call.span.column, slot: `P${t}-${call.span.line}:${call.span.column}`, from: call.callee.name,
    });
    const rename = (call: Extract<Expr, { kind: 'call' }>, kind: RepairKind, to: string, cost: number, head?: { length: number; text: string }) => {
      if (cost >= 0) return;
      const offset = offsetOf(call.span.line, call.span.column);
      edits.push({
        ...at(call), key: `P${t}:${call.callee.name}>${to}@${call.span.line}:${call.span.column}`, kind, action: 'downgrade', to,
        description: `${call.callee.name}() -> ${to}() on line ${call.span.line} in P${t}`, cost,
        offset, length: head?.length ?? call.callee.name.length, text: head?.text ?? to,
      });
    };
    // Barrier statements: removed (the whole line when they have it to themselves), or weakened.
    forEachStatement(thread.body.body, (s) => {
      if (s.kind !== 'expr' || s.expr.kind !== 'call') return;
      const call = s.expr;
      const kind = barrierStatements.get(call.callee.name);
      if (!kind) return;
      const start = offsetOf(s.span.line, s.span.column);
      const end = offsetOf(s.span.endLine, s.span.endColumn);
      const lineStart = offsetOf(s.span.line, 1);
      const lineEnd = source.indexOf('\n', end);
      const alone = source.slice(lineStart, start).trim() === '' && source.slice(end, lineEnd < 0 ? source.length : lineEnd).trim() === '';
      const [offset, length] = alone ? [lineStart, (lineEnd < 0 ? source.length : lineEnd + 1) - lineStart] : [start, end - start];
      if (costs[kind] > 0) {
        edits.push({
          ...at(call), key: `P${t}:-${call.callee.name}@${call.span.line}:${call.span.column}`, kind, action: 'remove',
          description: `remove ${call.callee.name}() on line ${call.span.line} in P${t}`, cost: -costs[kind], offset, length, text: '',
        });
      }
      for (const weaker of weakerBarriers(kind)) rename(call, kind, weaker, costs[weaker] - costs[kind]);
    });
    // Ordered accesses and flushing calls, wherever they are.
    for (const call of callsIn(thread.body.body)) {
      const ordered = orderedAccesses.find((o) => o.ordered === call.callee.name);
      if (ordered) {
        // smp_load_acquire(p) is READ_ONCE(*p); smp_store_release(p, v) is WRITE_ONCE(*p, v).
        const open = source.indexOf('(', offsetOf(call.callee.span.endLine, call.callee.span.endColumn));
        const head = open - offsetOf(call.span.line, call.span.column) + 1;
        rename(call, ordered.kind, ordered.plain, -costs[ordered.kind], { length: head, text: `${ordered.plain}(${ordered.deref ? '*' : ''}` });
      }
      const unflushed = flushingCalls.get(call.callee.name);
      if (unflushed) rename(call, 'flush', unflushed, -costs.flush);
    }
  }
  return edits.sort((a, b) => a.offset - b.offset || a.key.localeCompare(b.key));
}

/** Line and column arithmetic on `source`. */
function textOf(source: string) {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offsetOf = (line: number, column: number) => (lineStarts[line - 1] ?? source.length) + column - 1;
  const slice = (span: Span) => source.slice(offsetOf(span.line, span.column), offsetOf(span.endLine, span.endColumn));
  return { offsetOf, slice };
}

/** `source` with `edits` applied (candidate edits never overlap; inserts at one place keep their order). */
export function applyEdits(source: string, edits: readonly BarrierEdit[]): string {
  return placeEdits(source, edits).text;
}

/** Where an applied edit's call starts in the edited text (1-based, as spans count). */
export interface EditPlace {
  readonly line: number;
  readonly column: number;
}

/**
 * `source` with `edits` applied, and where each edit's call (the barrier, or
 * the upgraded primitive) starts in the result, in the order of `edits`:
 * the events it produces carry that position in their span. Throws a
 * RangeError when two edits overlap (candidate edits never do).
 */
export function placeEdits(source: string, edits: readonly BarrierEdit[]): { readonly text: string; readonly places: readonly EditPlace[] } {
  // Left to right; at one offset, inserts (in the given order) before a rewrite.
  const order = edits.map((_, i) => i).sort((i, j) => edits[i]!.offset - edits[j]!.offset || edits[i]!.length - edits[j]!.length || i - j);
  const starts: number[] = new Array<number>(edits.length);
  let out = '';
  let at = 0;
  for (const i of order) {
    const e = edits[i]!;
    if (e.offset < at) throw new RangeError(`overlapping edits at offset ${e.offset}`);
    out += source.slice(at, e.offset);
    starts[i] = out.length + (e.text.length - e.text.trimStart().length);
    out += e.text;
    at = e.offset + e.length;
  }
  out += source.slice(at);
  const lineStarts = [0];
  for (let i = 0; i < out.length; i++) if (out.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const places = starts.map((offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  });
  return { text: out, places };
}

function upgradeOf(name: string): string | undefined {
  return orderedAccesses.find((o) => o.plain === name)?.ordered;
}

/** Whether a statement may access memory (a call to anything but a plain barrier, or a `*` dereference). */
function accesses(s: Stmt): boolean {
  return exprsOf(s).some(function touches(e: Expr): boolean {
    switch (e.kind) {
      case 'call': {
        const p = primitive(e.callee.name);
        return (p?.kind !== 'fence' || (p.tag !== undefined && !['MB', 'rmb', 'wmb', 'barrier'].includes(p.tag))) || e.args.some(touches);
      }
      case 'unary': return e.op === '*' || touches(e.operand);
      case 'binary': return touches(e.left) || touches(e.right);
      case 'conditional': return touches(e.test) || touches(e.then) || touches(e.otherwise);
      case 'assign': return touches(e.target) || touches(e.value);
      case 'cast': return touches(e.operand);
      default: return false;
    }
  });
}

/**
 * Where the atomic RMWs that do not imply a full barrier (atomic_inc,
 * xchg_relaxed, ...) are called, as `line:column` of the call, kernel
 * builtins included: the expanded test keeps the builtin's span on the
 * primitive it becomes (try_grab_folio() is an atomic_add()).
 */
function relaxedAtomicCalls(ast: LitmusAst): Set<string> {
  // The flush flavour only changes what TLB flushes become, never an atomic.
  const expanded = expandKernelObjects(ast, ast.flush ?? 'ipi').ast;
  const out = new Set<string>();
  for (const thread of expanded.threads) {
    for (const c of callsIn(thread.body.body)) {
      const p = primitive(c.callee.name);
      const relaxed = p !== undefined && (p.kind === 'atomic-op'
        || ((p.kind === 'xchg' || p.kind === 'cmpxchg' || p.kind === 'op-return' || p.kind === 'fetch-op' || p.kind === 'add-unless') && p.tag !== 'MB'));
      if (relaxed) out.add(`${c.span.line}:${c.span.column}`);
    }
  }
  return out;
}

/** Whether statement `s` (an expression or declaration) makes one of the `relaxed` calls. */
function callsRelaxedAtomic(s: Stmt, relaxed: ReadonlySet<string>): boolean {
  if (s.kind !== 'expr' && s.kind !== 'decl') return false;
  const { line, column, endLine, endColumn } = s.span;
  return [...relaxed].some((at) => {
    const [l, c] = at.split(':').map(Number) as [number, number];
    return (l > line || (l === line && c >= column)) && (l < endLine || (l === endLine && c < endColumn));
  });
}

/** Every call in `list`, nested ones included, in source order. */
function callsIn(list: readonly Stmt[]): Extract<Expr, { kind: 'call' }>[] {
  const out: Extract<Expr, { kind: 'call' }>[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === 'call') {
      out.push(e);
      e.args.forEach(visit);
    } else if (e.kind === 'unary' || e.kind === 'cast') visit(e.operand);
    else if (e.kind === 'binary') {
      visit(e.left);
      visit(e.right);
    } else if (e.kind === 'conditional') {
      visit(e.test);
      visit(e.then);
      visit(e.otherwise);
    } else if (e.kind === 'assign') {
      visit(e.target);
      visit(e.value);
    }
  };
  for (const s of list) for (const e of exprsOf(s)) visit(e);
  return out;
}

/**
 * Plain accesses a repair may upgrade: `*E = V` as a statement, and `*E` as
 * the whole value of an assignment or declaration (`r = *x;`, `int r = *x;`).
 */
function plainAccessesIn(list: readonly Stmt[]): (Extract<Expr, { kind: 'assign' }> | Extract<Expr, { kind: 'unary' }>)[] {
  const out: (Extract<Expr, { kind: 'assign' }> | Extract<Expr, { kind: 'unary' }>)[] = [];
  const isDeref = (e: Expr | undefined): e is Extract<Expr, { kind: 'unary' }> => e?.kind === 'unary' && e.op === '*';
  const visit = (s: Stmt): void => {
    if (s.kind === 'expr' && s.expr.kind === 'assign' && s.expr.op === '=') {
      if (isDeref(s.expr.target)) out.push(s.expr);
      else if (isDeref(s.expr.value)) out.push(s.expr.value);
    } else if (s.kind === 'decl') {
      for (const d of s.declarators) if (isDeref(d.init)) out.push(d.init);
    } else if (s.kind === 'block') s.body.forEach(visit);
    else if (s.kind === 'if') {
      visit(s.then);
      if (s.otherwise) visit(s.otherwise);
    }
  };
  list.forEach(visit);
  return out;
}

/** Every statement of `list`, nested ones included, in source order. */
function forEachStatement(list: readonly Stmt[], visit: (s: Stmt) => void): void {
  const walk = (s: Stmt): void => {
    visit(s);
    if (s.kind === 'block') s.body.forEach(walk);
    else if (s.kind === 'if') {
      walk(s.then);
      if (s.otherwise) walk(s.otherwise);
    } else if (s.kind === 'while' || s.kind === 'for') walk(s.body);
  };
  list.forEach(walk);
}

/** The expressions of a statement and of every statement inside it. */
function exprsOf(s: Stmt): Expr[] {
  switch (s.kind) {
    case 'expr': return [s.expr];
    case 'decl': return s.declarators.flatMap((d) => (d.init ? [d.init] : []));
    case 'block': return s.body.flatMap(exprsOf);
    case 'if': return [s.test, ...exprsOf(s.then), ...(s.otherwise ? exprsOf(s.otherwise) : [])];
    case 'while': return [s.test, ...exprsOf(s.body)];
    case 'for': return [...(s.init ? exprsOf(s.init) : []), ...(s.test ? [s.test] : []), ...(s.update ? [s.update] : []), ...exprsOf(s.body)];
    default: return [];
  }
}

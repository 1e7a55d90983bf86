// Checks a parsed litmus test and turns it into a Program: shared locations
// with initial values, threads with their parameters, the observed state.
// Everything wrong with the test is reported as a Diagnostic, never thrown.
import type { ConditionTarget, ConditionValue, Expr, LitmusAst, Prop, Stmt, ThreadDecl } from '../syntax/ast.ts';
import { visitProp } from '../syntax/visit.ts';
import type { Diagnostic, Span } from '../syntax/diagnostic.ts';
import { primitive, primitiveArity, primitiveNames } from './primitives.ts';
import { c11CallProblems, c11InitTypeProblem, c11Notes, isMemoryOrder } from './c11-atomics.ts';
import { expandKernelObjects, type HiddenNames } from './expand-kernel-objects.ts';
import { kernelBuiltins, type FlushFlavour, type KernelArch } from './kernel-objects.ts';
import { defaultUnroll, maxUnroll, type Program, type ThreadCode } from './program.ts';
import { addressOf, type Value } from './value.ts';
import { memoryCost, type Meter } from '../budget/meter.ts';

export interface LowerResult {
  readonly program: Program | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** The test with every kernel builtin expanded: a plain herd7 C test. */
  readonly expanded?: LitmusAst;
  /** The names the expansion added to `expanded` (the TLB's SRCU domain, hidden registers). */
  readonly hidden?: HiddenNames;
}

export interface LowerOptions {
  /** How TLB flushes behave; overrides the test's `// @flush` (default `ipi`). */
  readonly flush?: FlushFlavour;
  /**
   * Which implementation the kernel builtins stand for (default `generic`);
   * a model's verdicts are about the one `kernelArchFor(model)` names.
   */
  readonly arch?: KernelArch;
  /** The run's meter, ticked as the threads are checked; its `BudgetExceeded` goes to the caller. */
  readonly meter?: Meter;
}

/** Checks `ast` (parsed from `source`) and builds its Program. */
export function lower(parsed: LitmusAst, source: string, options: LowerOptions = {}): LowerResult {
  const flush = options.flush ?? parsed.flush ?? 'ipi';
  const arch = options.arch ?? 'generic';
  const expansion = expandKernelObjects(parsed, flush, arch);
  const ast = expansion.ast;
  const diagnostics: Diagnostic[] = [...expansion.diagnostics];
  const error = (code: string, message: string, span: Span, hint?: string) =>
    diagnostics.push({ code, message, span, severity: 'error', ...(hint ? { hint } : {}) });
  const warn = (code: string, message: string, span: Span, hint?: string) =>
    diagnostics.push({ code, message, span, severity: 'warning', ...(hint ? { hint } : {}) });

  if (ast.arch.name !== 'C') {
    error('lower/unsupported-arch', `only C litmus tests are supported, not '${ast.arch.name}'`, ast.arch.span);
  }
  if (ast.threads.length === 0) error('lower/no-threads', 'the test has no threads (P0, P1, ...)', ast.span);
  if (ast.unroll !== undefined && (ast.unroll < 1 || ast.unroll > maxUnroll)) {
    error('lower/unroll-bound', `the unroll bound must be between 1 and ${maxUnroll}, not ${ast.unroll}`, ast.span);
  }

  const locations = new Set<string>();
  const lockLocations = new Set<string>();
  const unsignedLocations = new Set<string>();
  const initialValues = new Map<string, Value>();
  const initialRegisters = new Map<number, Map<string, Value>>();

  for (const item of ast.init) {
    const typeProblem = item.type ? c11InitTypeProblem(item.type) : undefined;
    if (typeProblem) diagnostics.push(typeProblem);
    const value: Value | undefined = item.value
      ? item.value.kind === 'number' ? item.value.value : addressOf(item.value.name)
      : undefined;
    if (item.value?.kind === 'address') locations.add(item.value.name);
    if (item.target.kind === 'location') {
      locations.add(item.target.name);
      if (item.type?.base === 'spinlock_t') lockLocations.add(item.target.name);
      if (item.type?.base === 'atomic_t' && item.type.pointer === 0) unsignedLocations.add(item.target.name);
      if (value !== undefined) initialValues.set(item.target.name, value);
    } else {
      if (item.target.thread >= ast.threads.length) {
        error('lower/bad-thread', `there is no thread P${item.target.thread}`, item.target.span);
      }
      const regs = initialRegisters.get(item.target.thread) ?? new Map<string, Value>();
      regs.set(item.target.name, value ?? 0);
      initialRegisters.set(item.target.thread, regs);
    }
  }

  const threads: ThreadCode[] = ast.threads.map((t) => {
    for (const p of t.params) {
      locations.add(p.name.name);
      if (p.type.base === 'spinlock_t') lockLocations.add(p.name.name);
    }
    const regs = initialRegisters.get(t.index) ?? new Map<string, Value>();
    checkThread(t, new Set(regs.keys()), error, warn, options.meter);
    return {
      index: t.index,
      params: t.params.map((p) => p.name.name),
      initialRegisters: regs,
      body: t.body,
      span: t.span,
    };
  });

  diagnostics.push(...c11Notes(ast));

  const checkTarget = (target: ConditionTarget) => {
    if (target.kind === 'register') {
      if (target.thread >= ast.threads.length) {
        error('lower/bad-thread', `the condition names P${target.thread}, but the threads are P0..P${ast.threads.length - 1}`, target.span);
      }
    } else {
      locations.add(target.name);
    }
  };
  const condition = ast.condition ?? { quantifier: 'forall' as const, prop: { kind: 'true' as const, span: ast.span }, span: ast.span };
  for (const target of ast.locations) checkTarget(target);
  const atom = (target: ConditionTarget, value: ConditionValue) => {
    checkTarget(target);
    if (value.kind === 'address') locations.add(value.name);
    if (value.kind === 'target') checkTarget(value.target);
  };
  visitProp(condition.prop, atom);
  if (ast.filter) visitProp(ast.filter, atom);

  const observed = sortTargets(dedupeTargets([...ast.locations, ...propTargets(condition.prop)]));

  if (diagnostics.some((d) => d.severity === 'error')) return { program: undefined, diagnostics, expanded: ast, hidden: expansion.hidden };
  const sorted = [...locations].sort();
  for (const loc of sorted) if (!initialValues.has(loc)) initialValues.set(loc, 0);
  return {
    program: {
      name: ast.name.name,
      ...(ast.doc !== undefined ? { doc: ast.doc } : {}),
      info: (ast.info ?? []).map(({ key, value }) => ({ key, value })),
      source,
      locations: sorted,
      initialValues,
      lockLocations,
      unsignedLocations,
      threads,
      condition,
      ...(ast.filter ? { filter: ast.filter } : {}),
      observed,
      unroll: ast.unroll ?? defaultUnroll,
      flush,
      arch,
      usesKernelObjects: expansion.usedKernelObjects,
    },
    diagnostics,
    expanded: ast,
    hidden: expansion.hidden,
  };
}

type Report = (code: string, message: string, span: Span, hint?: string) => void;

/** Every name used is declared, every call is a known primitive with the right arity. */
function checkThread(thread: ThreadDecl, initialRegisters: ReadonlySet<string>, error: Report, warn: Report, meter?: Meter): void {
  const declared = new Set<string>([...thread.params.map((p) => p.name.name), ...initialRegisters]);
  // The checked (and expanded) program is kept for the rest of the run: charge its nodes.
  let nodes = 0;
  const count = (): void => {
    if (++nodes % 1024 === 0) meter?.charge(1024 * memoryCost.astNode);
  };
  // The declaration whose initializer is being checked (`int r4 = (r1 != r4);`).
  let initializing: string | undefined;
  // The expression of the statement being checked, while it is the statement's whole (`f(...);`).
  let statementCall: Expr | undefined;
  /**
   * A name read before any declaration or assignment. herd7 reads it as a
   * register of the thread that nothing wrote: it holds 0 (`true` and `false`
   * included: herd7's C has no such constants). So do we, with a warning. Used
   * as an address it is an error, as in herd7 ("non-symbolic memory access").
   */
  const undeclared = (e: Extract<Expr, { kind: 'name' }>, asAddress: boolean): void => {
    const where = `P${thread.index}`;
    if (asAddress) {
      error('lower/undeclared', `'${e.name}' is not declared in ${where}`, e.span, 'declare it (int r0;) or add it as a parameter (int *x)');
      return;
    }
    declared.add(e.name); // one warning per name
    if (e.name === 'NULL') return; // 0, as C programmers mean it
    if (e.name === initializing) {
      warn('lower/own-initializer', `'${e.name}' is read in its own initializer: it holds 0 there (herd7 reads it so)`, e.span,
        `give ${e.name} a value first, or write 0`);
    } else if (e.name === 'true' || e.name === 'false') {
      warn('lower/boolean-register', `herd7 has no '${e.name}': it reads it as a register holding 0${e.name === 'true' ? ', not 1' : ''}`, e.span,
        `write ${e.name === 'true' ? 1 : 0} instead`);
    } else {
      warn('lower/undeclared-register', `'${e.name}' is not declared in ${where}: it is read as a register holding 0, as herd7 does`, e.span,
        `declare it before this line (int ${e.name} = 0;), or make it a parameter (int *${e.name})`);
    }
  };
  /** Checks an expression that gives an address: a bare undeclared name there is an error. */
  const address = (e: Expr): void => {
    if (e.kind === 'name' && !declared.has(e.name)) {
      count();
      undeclared(e, true);
    } else {
      expr(e);
    }
  };
  const expr = (e: Expr): void => {
    count();
    switch (e.kind) {
      case 'number':
        return;
      case 'name':
        if (isMemoryOrder(e.name)) {
          error('lower/memory-order', `'${e.name}' is a memory order: herd7 takes it only as an argument of a C11 atomic`, e.span,
            'pass it to atomic_load_explicit(), atomic_store_explicit(), atomic_thread_fence(), ...');
          return;
        }
        if (!declared.has(e.name)) undeclared(e, false);
        return;
      case 'unary':
        return e.op === '*' ? address(e.operand) : expr(e.operand);
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
        // herd7 accepts a register assigned without a declaration (the
        // kernel's own cmpxchg-fail-* tests do this): declare it, and warn.
        if (e.target.kind === 'name' && !declared.has(e.target.name)) {
          expr(e.value);
          warn('lower/implicit-register', `'${e.target.name}' is not declared in P${thread.index}; it is taken as a register`, e.target.span,
            `declare it: int ${e.target.name};`);
          declared.add(e.target.name);
          return;
        }
        expr(e.target);
        return expr(e.value);
      case 'call': {
        const name = e.callee.name;
        const asStatement = e === statementCall;
        statementCall = undefined;
        const c11 = c11CallProblems(e, asStatement);
        if (!primitive(name)) {
          const near = closest(name, [...primitiveNames(), ...kernelBuiltins().map((b) => b.name)]);
          error('lower/unknown-primitive', `unknown primitive '${name}'`, e.callee.span, c11.hint ?? (near ? `did you mean \`${near}()\`?` : undefined));
        } else if (primitiveArity(name) !== e.args.length) {
          error('lower/arity', `'${name}' takes ${primitiveArity(name)} argument(s), not ${e.args.length}`, e.span);
        }
        for (const d of c11.diagnostics) (d.severity === 'error' ? error : warn)(d.code, d.message, d.span, d.hint);
        const at = addressArgument(name);
        e.args.forEach((arg, i) => (c11.orders.has(i) ? count() : i === at ? address(arg) : expr(arg)));
        return;
      }
    }
  };
  const stmt = (s: Stmt): void => {
    meter?.tick();
    count();
    switch (s.kind) {
      case 'block':
        return s.body.forEach(stmt);
      case 'decl':
        for (const d of s.declarators) {
          initializing = d.name.name;
          if (d.init) expr(d.init);
          initializing = undefined;
          declared.add(d.name.name);
        }
        return;
      case 'expr':
        statementCall = s.expr;
        expr(s.expr);
        statementCall = undefined;
        return;
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
  stmt(thread.body);
  meter?.charge((nodes % 1024) * memoryCost.astNode);
}

/** What a condition looks at: every atom's target, and the register or location it is compared with. */
/** Which argument of primitive `name` is the location it accesses (none for fences). */
function addressArgument(name: string): number | undefined {
  const p = primitive(name);
  if (!p || p.kind === 'fence') return undefined;
  return (p.kind === 'atomic-op' || p.kind === 'op-return' || p.kind === 'fetch-op') && p.operand === 'arg' ? 1 : 0;
}

/** The targets a proposition names, in order, repeats kept. */
export function propTargets(p: Prop): ConditionTarget[] {
  const out: ConditionTarget[] = [];
  visitProp(p, (t, v) => {
    out.push(t);
    if (v.kind === 'target') out.push(v.target);
  });
  return out;
}

/** A stable key for a condition target. */
export function targetKey(t: ConditionTarget): string {
  return t.kind === 'register' ? `${t.thread}:${t.name}` : `[${t.name}]`;
}

function dedupeTargets(targets: ConditionTarget[]): ConditionTarget[] {
  const seen = new Map<string, ConditionTarget>();
  for (const t of targets) if (!seen.has(targetKey(t))) seen.set(targetKey(t), t);
  return [...seen.values()];
}

/** herd7's order for state components: registers by thread then name, then locations by name. */
export function compareTargets(a: ConditionTarget, b: ConditionTarget): number {
  if (a.kind === 'register' && b.kind === 'register') {
    return a.thread - b.thread || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  }
  if (a.kind === 'location' && b.kind === 'location') return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  return a.kind === 'register' ? -1 : 1;
}

function sortTargets(targets: ConditionTarget[]): ConditionTarget[] {
  return targets.sort(compareTargets);
}

/**
 * The candidate closest to `name` by edit distance, if close enough to
 * suggest: at most a third of the name's letters (and at least two) differ.
 * Case is ignored, so `READ_once` finds `READ_ONCE`. Two neighbouring
 * letters swapped count as one edit, and between two equally close
 * candidates the one of the same length wins: `smp_rbm` is a typo of
 * `smp_rmb`, not `smp_mb` with a letter too many.
 */
function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  let bestLengthGap = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    const gap = Math.abs(c.length - name.length);
    if (d < bestDistance || (d === bestDistance && gap < bestLengthGap)) {
      best = c;
      bestDistance = d;
      bestLengthGap = gap;
    }
  }
  return best;
}

/** Edits (insert, delete, replace a letter, or swap two neighbours) from `a` to `b`: the optimal string alignment distance. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}

// Values by the names the program gave them. A program that pins a page
// with try_grab_folio(refcount) never writes 1024, yet the refcount becomes
// 1024: explanations say `refcount=GUP_PIN_COUNTING_BIAS`, the kernel's
// word, instead. A location (or register) is named only after the kernel
// constants the program itself used with it: in the init block or the
// condition (`pte=PTE_WRITE`), as an argument next to it (`atomic_add(
// GUP_PIN_COUNTING_BIAS, refcount)`, `WRITE_ONCE(*pte, PTE_RDONLY)`), or
// through a builtin that counts it in a constant (kernel-objects.ts `unit`),
// or through a builtin that stores a constant there (`stores`: pmd_clear()
// stores PMD_NONE, pte_free() PT_FREED). A register read straight from a
// named location shares its names.
import type { CallExpr, ConditionTarget, ConditionValue, Expr, InitTarget, InitValue, LitmusAst, Stmt, ThreadDecl } from '../syntax/ast.ts';
import { visitCode, visitProp, visitThread } from '../syntax/visit.ts';
import type { StateEntry } from '../verdict/verdict.ts';
import { kernelBuiltin, kernelBuiltins, kernelConstants, statementBuiltin, type StatementContext } from '../program/kernel-objects.ts';
import { primitive } from '../program/primitives.ts';

/** A kernel constant a location's values are shown by. */
export interface ValueName {
  readonly constant: string;
  readonly value: number;
  /**
   * The location counts in this constant (it is added and subtracted, as a
   * pin adds GUP_PIN_COUNTING_BIAS): 2048 shows as `2*GUP_PIN_COUNTING_BIAS`.
   * Otherwise only the exact value is named.
   */
  readonly counts: boolean;
}

/**
 * The names of each location (`refcount`) and register (`1:r0`) the
 * program used kernel constants with. Plain data.
 */
export type ValueNames = Readonly<Record<string, readonly ValueName[]>>;

const units = new Map(kernelBuiltins().flatMap((b) => (b.unit ? [[b.name, b.unit] as const] : [])));

/** The families of constants that name one kind of entry: the values a PTE, or a PMD, can hold. */
const familyNames = ['PTE', 'PMD'];
const families = new Map(familyNames.map((f) => [f, [...kernelConstants.keys()].filter((c) => familyOf(c) === f)] as const));

/** `PTE` for `PTE_WRITE`; undefined for a constant of no family. */
function familyOf(constant: string): string | undefined {
  return familyNames.find((f) => constant.startsWith(`${f}_`));
}

/** The kernel constants `ast` used with each of its locations and registers. */
export function valueNames(ast: LitmusAst): ValueNames {
  const locations = new Set<string>();
  for (const item of ast.init) if (item.target.kind === 'location') locations.add(item.target.name);
  for (const thread of ast.threads) for (const p of thread.params) locations.add(p.name.name);
  const names = new Map<string, ValueName[]>();
  const add = (key: string, constant: string, counts: boolean) => {
    const value = kernelConstants.get(constant)!;
    const list = names.get(key) ?? [];
    const same = list.find((n) => n.constant === constant);
    if (same) {
      if (counts && !same.counts) list[list.indexOf(same)] = { constant, value, counts };
    } else list.push({ constant, value, counts });
    names.set(key, list);
  };
  // A name is the constant unless the program declares a location of that name (as lowering reads it).
  const constantOf = (name: string) => (name !== 'NULL' && !locations.has(name) && kernelConstants.has(name) ? name : undefined);
  const keyOf = (target: InitTarget | ConditionTarget) => (target.kind === 'register' ? `${target.thread}:${target.name}` : target.name);
  const fromValue = (target: InitTarget | ConditionTarget, value: InitValue | ConditionValue | undefined) => {
    const constant = value?.kind === 'address' ? constantOf(value.name) : undefined;
    if (constant) add(keyOf(target), constant, false);
  };
  for (const item of ast.init) fromValue(item.target, item.value);
  for (const prop of [ast.filter, ast.condition?.prop]) {
    if (!prop) continue;
    visitProp(prop, fromValue);
  }

  for (const thread of ast.threads) {
    const constant = (e: Expr | undefined) => (e?.kind === 'name' && !isLocal(thread, e.name) ? constantOf(e.name) : undefined);
    const location = (e: Expr | undefined): string | undefined => {
      if (!e) return undefined;
      if (e.kind === 'name' && thread.params.some((p) => p.name.name === e.name)) return e.name;
      if (e.kind === 'unary' && (e.op === '*' || e.op === '&') && e.operand.kind === 'name') return location(e.operand) ?? (locations.has(e.operand.name) ? e.operand.name : undefined);
      return undefined;
    };
    visitThread(thread, {
      call: (call) => {
        const unit = units.get(call.callee.name);
        const counted = unit ? location(call.args[unit.argument]) : undefined;
        if (unit && counted) add(counted, unit.constant, true);
        for (const stored of storedConstants(call)) {
          const loc = location(stored.pointer);
          if (loc) add(loc, stored.constant, false);
        }
        const constants = call.args.map(constant).filter((c): c is string => c !== undefined);
        if (constants.length === 0) return;
        const counts = /(^|_)(add|sub)(_|$)/.test(call.callee.name);
        for (const arg of call.args) {
          const loc = location(arg);
          if (loc) for (const c of constants) add(loc, c, counts);
        }
      },
    });
    forEachStatement(thread.body.body, (s) => {
      // `*pte = PTE_RDONLY;`
      if (s.kind === 'expr' && s.expr.kind === 'assign' && s.expr.op === '=') {
        const loc = s.expr.target.kind === 'unary' && s.expr.target.op === '*' ? location(s.expr.target) : undefined;
        const c = constant(s.expr.value);
        if (loc && c) add(loc, c, false);
      }
    });
  }

  // A location named with one value of a family (PTE_NONE) holds that
  // family's values (a PTE is PTE_NONE, PTE_WRITE, PTE_RDONLY or PTE_SWAP),
  // so the others name its values too: `read PTE_WRITE, the initial value`
  // beside `stored pte=PTE_NONE`, where the init block says `pte=1`.
  for (const [key, list] of [...names]) {
    for (const family of new Set(list.map((n) => familyOf(n.constant)))) {
      for (const constant of family ? families.get(family)! : []) add(key, constant, false);
    }
  }

  // Registers read straight from a named location share its names.
  for (const thread of ast.threads) {
    const location = (e: Expr): string | undefined => {
      if (e.kind === 'unary' && e.op === '*' && e.operand.kind === 'name') return e.operand.name;
      if (e.kind !== 'call') return undefined;
      const p = primitive(e.callee.name);
      if (p?.kind === 'load') {
        const [arg] = e.args;
        return arg?.kind === 'name' ? arg.name : arg ? location(arg) : undefined;
      }
      const builtin = kernelBuiltin(e.callee.name);
      if (!builtin) return undefined;
      // An expression builtin that is a plain load of its argument (folio_ref_count()).
      const expanded = builtin.expand(e.args, e.span, 'ipi').expr;
      return expanded.kind === 'call' && primitive(expanded.callee.name)?.kind === 'load' ? location(expanded) : undefined;
    };
    const share = (register: string, value: Expr | undefined) => {
      const loc = value ? location(value) : undefined;
      for (const n of (loc ? names.get(loc) : undefined) ?? []) add(`${thread.index}:${register}`, n.constant, n.counts);
    };
    forEachStatement(thread.body.body, (s) => {
      if (s.kind === 'decl') for (const d of s.declarators) share(d.name.name, d.init);
      if (s.kind === 'expr' && s.expr.kind === 'assign' && s.expr.op === '=' && s.expr.target.kind === 'name') share(s.expr.target.name, s.expr.value);
    });
  }
  return Object.fromEntries(names);
}

/**
 * `value` of `key` (a location such as `refcount` or `[refcount]`, or a
 * register `1:r0`) by its kernel constant, or undefined when it has none:
 * `GUP_PIN_COUNTING_BIAS`, `2*GUP_PIN_COUNTING_BIAS`, `GUP_PIN_COUNTING_BIAS+1`,
 * `PTE_RDONLY`.
 */
export function nameValue(names: ValueNames, key: string, value: string | undefined): string | undefined {
  const list = names[key.replace(/^\[(.*)\]$/, '$1')];
  const v = value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined;
  if (!list || v === undefined) return undefined;
  const exact = list.find((n) => n.value === v);
  if (exact) return exact.constant;
  for (const n of list) {
    if (!n.counts || n.value < 2 || v < n.value) continue;
    const times = Math.floor(v / n.value);
    const rest = v - times * n.value;
    return `${times === 1 ? '' : `${times}*`}${n.constant}${rest === 0 ? '' : `+${rest}`}`;
  }
  return undefined;
}

/** `entries` with each value's name (`named`) where the program gave it one. */
export function nameStateEntries(entries: readonly StateEntry[], names: ValueNames): StateEntry[] {
  return entries.map((e) => {
    const named = nameValue(names, e.target, e.value);
    return named ? { ...e, named } : e;
  });
}

// Expanding a statement builtin only to look at it: no hidden register, TLB
// or flavour changes where its stores go.
const lookOnly: StatementContext = { flush: 'ipi', arch: 'generic', tlb: 'tlb', register: (base) => base };

/**
 * The kernel constants a builtin call stores, each with the pointer it
 * stores through (`*pmdp` for `pmd_clear(pmdp)`): where the builtin's
 * expansion stores its `stores` constant's value (`WRITE_ONCE(*p, 0)`,
 * `xchg(p, 0)`), and likewise for the builtins that expansion calls
 * (ptep_clear_flush() calls ptep_get_and_clear()). Nothing for a call with
 * an argument count the builtin does not take (lowering reports it).
 */
function storedConstants(call: CallExpr): { readonly constant: string; readonly pointer: Expr }[] {
  const expression = kernelBuiltin(call.callee.name);
  const statement = expression ? undefined : statementBuiltin(call.callee.name);
  const builtin = expression ?? statement;
  if (!builtin || !builtin.arities.includes(call.args.length)) return [];
  const expansion: readonly (Expr | Stmt)[] = expression
    ? [expression.expand(call.args, call.span, 'ipi').expr]
    // A statement builtin that returns a value is given a register for it, as lowering would.
    : statement!.expand({ args: call.args, span: call.span, ...(statement!.result === 'none' ? {} : { result: { kind: 'name', name: 'result', span: call.span } }) }, lookOnly);
  const value = builtin.stores !== undefined ? kernelConstants.get(builtin.stores) : undefined;
  const found: { constant: string; pointer: Expr }[] = [];
  visitCode(expansion, { call: (inner) => {
    const [target, stored] = inner.args;
    if (value !== undefined && stored?.kind === 'number' && stored.value === value && target) {
      if (inner.callee.name === 'WRITE_ONCE') found.push({ constant: builtin.stores!, pointer: target });
      if (inner.callee.name === 'xchg') found.push({ constant: builtin.stores!, pointer: { kind: 'unary', op: '*', operand: target, span: target.span } });
    }
    if (inner !== call) found.push(...storedConstants(inner));
  } });
  return found;
}

/** Whether `name` is a parameter or a local of `thread` (which hides a constant of that name). */
function isLocal(thread: ThreadDecl, name: string): boolean {
  if (thread.params.some((p) => p.name.name === name)) return true;
  let found = false;
  forEachStatement(thread.body.body, (s) => {
    if (s.kind === 'decl' && s.declarators.some((d) => d.name.name === name)) found = true;
  });
  return found;
}

/** Every statement of `list`, nested ones included. */
function forEachStatement(list: readonly Stmt[], visit: (s: Stmt) => void): void {
  const walk = (s: Stmt): void => {
    visit(s);
    switch (s.kind) {
      case 'block':
        return s.body.forEach(walk);
      case 'if':
        walk(s.then);
        if (s.otherwise) walk(s.otherwise);
        return;
      case 'while':
        return walk(s.body);
      case 'for':
        if (s.init) walk(s.init);
        return walk(s.body);
      default:
    }
  };
  list.forEach(walk);
}

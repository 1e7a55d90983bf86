// Small random herd7 C litmus tests for the property tests (the laws of
// docs/architecture.md and HOUSE-STYLE.md §10). A test is generated as plain
// data (`RandomLitmus`) and printed by `renderLitmus`, so fast-check shrinks
// the structure, not the text, and a failing case prints as a litmus test one
// can paste into the site or herd7. Indices in the data (locations, registers,
// threads) are resolved modulo what exists when printing, so every value the
// arbitrary produces, and every shrink of it, prints as a well-formed test.
import fc from 'fast-check';
import { printRandomIf } from './control-dependency-printer.ts';

/** The shared locations a test may use, in order; a test uses the first 2 or 3. */
export const locationNames = ['x', 'y', 'z'] as const;

/** The one spinlock tests may take. */
export const lockName = 'l';

export type LoadFlavour = 'once' | 'acquire' | 'plain';
export type StoreFlavour = 'once' | 'release' | 'plain';
export type RmwOrdering = '' | '_relaxed' | '_acquire' | '_release';
export type FenceName = 'smp_mb' | 'smp_rmb' | 'smp_wmb' | 'synchronize_rcu';

/**
 * The address of an access: a location, or (an address dependency) the
 * choice `*(rK ? a : b)` between two locations on an earlier register.
 */
export interface Address {
  readonly loc: number;
  /** When set, the address depends on this earlier register (resolved modulo those assigned so far). */
  readonly dependsOn?: { readonly register: number; readonly otherwise: number };
}

/** A stored value: a constant, or (a data dependency) computed from an earlier register. */
export type StoredValue =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'register'; readonly register: number; readonly form: 'copy' | 'masked'; readonly value: number };

/** One statement of a thread. Statements marked "assigns" give the next register `rN` a value. */
export type RandomStatement =
  /** Assigns: `rN = READ_ONCE(*x)`, `smp_load_acquire(x)` or `*x`. */
  | { readonly kind: 'load'; readonly flavour: LoadFlavour; readonly address: Address }
  | { readonly kind: 'store'; readonly flavour: StoreFlavour; readonly address: Address; readonly value: StoredValue }
  | { readonly kind: 'fence'; readonly fence: FenceName }
  /** Assigns: `rN = xchg{ordering}(x, v)`. */
  | { readonly kind: 'xchg'; readonly ordering: RmwOrdering; readonly loc: number; readonly value: number }
  /** Assigns: `rN = cmpxchg{ordering}(x, expected, v)`. */
  | { readonly kind: 'cmpxchg'; readonly ordering: RmwOrdering; readonly loc: number; readonly expected: number; readonly value: number }
  | { readonly kind: 'atomic_inc'; readonly loc: number }
  /** Assigns: `rN = atomic_add_return(v, x)`. */
  | { readonly kind: 'atomic_add_return'; readonly loc: number; readonly value: number }
  /** A control dependency: `if (rK == v) { body }` (just the body when no register is assigned yet). */
  | { readonly kind: 'if'; readonly register: number; readonly equals: number; readonly body: readonly RandomStatement[] }
  /** `spin_lock(l); body spin_unlock(l);` */
  | { readonly kind: 'critical'; readonly body: readonly RandomStatement[] }
  /** Assigns: `rN = spin_trylock(l); if (rN) { body spin_unlock(l); }` */
  | { readonly kind: 'trylock'; readonly body: readonly RandomStatement[] }
  /** Assigns: `rN = spin_is_locked(l);` */
  | { readonly kind: 'is_locked' }
  /** `rcu_read_lock(); body rcu_read_unlock();` */
  | { readonly kind: 'rcu_reader'; readonly body: readonly RandomStatement[] };

/** One atom of the condition: `T:rK=v` or `x=v`. */
export type ConditionAtom =
  | { readonly kind: 'register'; readonly thread: number; readonly register: number; readonly value: number }
  | { readonly kind: 'location'; readonly loc: number; readonly value: number };

/** A random litmus test as data. */
export interface RandomLitmus {
  /** How many of `locationNames` the test uses (2 or 3; generated tests use 2 more often, so threads meet). */
  readonly locations: number;
  readonly threads: readonly (readonly RandomStatement[])[];
  readonly condition: { readonly connective: '/\\' | '\\/'; readonly atoms: readonly ConditionAtom[] };
  /** Print a `locations [...]` clause naming every location and register, so final states show everything. */
  readonly observeEverything: boolean;
}

/** What the generator may produce. */
export interface RandomLitmusOptions {
  readonly minThreads?: number;
  readonly maxThreads?: number;
  readonly maxStatements?: number;
  /** spin_lock/spin_unlock, spin_trylock, spin_is_locked (default true). */
  readonly locks?: boolean;
  /** rcu_read_lock/unlock and synchronize_rcu (default true). */
  readonly rcu?: boolean;
  /** Most memory-accessing statements in the whole test, nested ones included (default 8). */
  readonly maxAccesses?: number;
  /**
   * Most atomic_inc/atomic_add_return in the whole test (default 1): each one
   * makes new values, which multiply the traces of every thread reading them.
   */
  readonly maxArithmetic?: number;
  /**
   * What final states show: the condition's targets only, or (with a
   * `locations` clause) every location and register, which gives the laws on
   * outcomes the most to compare. Default: either.
   */
  readonly observe?: 'condition' | 'everything' | 'either';
}

const value = fc.integer({ min: 0, max: 2 });
const nonZero = fc.integer({ min: 1, max: 2 });
const index = fc.nat({ max: 7 });
const ordering = fc.constantFrom<RmwOrdering>('', '_relaxed', '_acquire', '_release');

const address: fc.Arbitrary<Address> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ loc: index }) },
  { weight: 1, arbitrary: fc.record({ loc: index, dependsOn: fc.record({ register: index, otherwise: index }) }) },
);

const storedValue: fc.Arbitrary<StoredValue> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('constant' as const), value: nonZero }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('register' as const), register: index, form: fc.constantFrom('copy' as const, 'masked' as const), value: nonZero }) },
);

/** Accesses, fences and atomics: the statements that nest inside others. */
function simpleStatement(options: RandomLitmusOptions): fc.Arbitrary<RandomStatement> {
  const fences: FenceName[] = ['smp_mb', 'smp_rmb', 'smp_wmb', ...(options.rcu === false ? [] : ['synchronize_rcu' as const])];
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('load' as const), flavour: fc.constantFrom<LoadFlavour>('once', 'once', 'acquire', 'plain'), address }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('store' as const), flavour: fc.constantFrom<StoreFlavour>('once', 'once', 'release', 'plain'), address, value: storedValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('fence' as const), fence: fc.constantFrom(...fences) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('xchg' as const), ordering, loc: index, value: nonZero }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('cmpxchg' as const), ordering, loc: index, expected: value, value: nonZero }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('atomic_inc' as const), loc: index }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('atomic_add_return' as const), loc: index, value: nonZero }) },
  );
}

/** A top-level statement: a simple one, or a compound one around one or two simple ones. */
function statement(options: RandomLitmusOptions): fc.Arbitrary<RandomStatement> {
  const simple = simpleStatement(options);
  const body = fc.array(simple, { minLength: 1, maxLength: 2 });
  const compound: fc.WeightedArbitrary<RandomStatement>[] = [
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('if' as const), register: index, equals: value, body: fc.array(simple, { minLength: 1, maxLength: 1 }) }) },
  ];
  if (options.locks !== false) {
    compound.push(
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('critical' as const), body }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('trylock' as const), body }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('is_locked' as const) }) },
    );
  }
  if (options.rcu !== false) compound.push({ weight: 1, arbitrary: fc.record({ kind: fc.constant('rcu_reader' as const), body }) });
  return fc.oneof({ weight: 12, arbitrary: simple }, ...compound);
}

const atom: fc.Arbitrary<ConditionAtom> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('register' as const), thread: index, register: index, value }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('location' as const), loc: index, value }) },
);

/**
 * Random litmus tests as data: 2–3 threads of 1–4 statements (compound ones
 * around 1–2 more) over 2–3 locations, constants 0–2, filtered to at most
 * `maxAccesses` accesses and `maxArithmetic` increments so each explores in
 * milliseconds.
 */
export function randomLitmus(options: RandomLitmusOptions = {}): fc.Arbitrary<RandomLitmus> {
  const threads = fc.array(fc.array(statement(options), { minLength: 1, maxLength: options.maxStatements ?? 4 }), {
    minLength: options.minThreads ?? 2,
    maxLength: options.maxThreads ?? 3,
  });
  const maxAccesses = options.maxAccesses ?? 8;
  const maxArithmetic = options.maxArithmetic ?? 1;
  return fc.record({
    locations: fc.constantFrom(2, 2, 2, 3),
    threads,
    condition: fc.record({
      connective: fc.constantFrom<'/\\' | '\\/'>('/\\', '/\\', '\\/'),
      atoms: fc.array(atom, { minLength: 1, maxLength: 3 }),
    }),
    observeEverything: options.observe === 'everything' ? fc.constant(true)
      : options.observe === 'condition' ? fc.constant(false) : fc.boolean(),
  }).filter((test) => {
    const all = test.threads.flat().flatMap(flatten);
    return all.filter((s) => s.kind !== 'fence').length <= maxAccesses
      && all.filter((s) => s.kind === 'atomic_inc' || s.kind === 'atomic_add_return').length <= maxArithmetic;
  });
}

/** The statements of a list and of every body in it, in source order. */
function flatten(s: RandomStatement): RandomStatement[] {
  return [s, ...('body' in s ? s.body.flatMap(flatten) : [])];
}

/** Random litmus test texts (see `randomLitmus`). */
export function randomLitmusText(options: RandomLitmusOptions = {}): fc.Arbitrary<string> {
  return randomLitmus(options).map(renderLitmus);
}

/** Half free-form random tests, half classic shapes (see `classicLitmus`): what the laws run on. */
export function litmusTests(options: RandomLitmusOptions = {}): fc.Arbitrary<RandomLitmus> {
  return fc.oneof(randomLitmus(options), classicLitmus(options));
}

// ───────────── classic shapes ─────────────
// Purely random tests seldom line up a cycle a model can tell apart (SC and
// TSO differ on a few percent of them), so the laws also run on the classic
// two- and three-thread shapes of the litmus literature (diy's cycles: SB, MP,
// LB, S, R, 2+2W, WRC, ISA2, RWC), each access with a random flavour and each
// po-adjacent pair with a random link: nothing, a fence or a dependency.

type Op = 'R' | 'W';

/** The shapes: per thread, the accesses in program order, as operation and location index. */
const shapes: Readonly<Record<string, readonly (readonly (readonly [Op, number])[])[]>> = {
  SB: [[['W', 0], ['R', 1]], [['W', 1], ['R', 0]]],
  MP: [[['W', 0], ['W', 1]], [['R', 1], ['R', 0]]],
  LB: [[['R', 0], ['W', 1]], [['R', 1], ['W', 0]]],
  S: [[['W', 0], ['W', 1]], [['R', 1], ['W', 0]]],
  R: [[['W', 0], ['W', 1]], [['W', 1], ['R', 0]]],
  '2+2W': [[['W', 0], ['W', 1]], [['W', 1], ['W', 0]]],
  WRC: [[['W', 0]], [['R', 0], ['W', 1]], [['R', 1], ['R', 0]]],
  ISA2: [[['W', 0], ['W', 1]], [['R', 1], ['W', 2]], [['R', 2], ['R', 0]]],
  RWC: [[['W', 0]], [['R', 0], ['R', 1]], [['W', 1], ['R', 0]]],
};

/** The link between two po-adjacent accesses. */
type Link = 'none' | FenceName | 'data' | 'addr' | 'ctrl';

/** How one access of a shape is performed. */
type Flavour = LoadFlavour | StoreFlavour | 'xchg' | 'atomic_add_return';

interface ShapedThread {
  readonly flavours: readonly Flavour[];
  readonly links: readonly Link[];
  readonly wrap: 'none' | 'critical' | 'rcu_reader';
}

/**
 * Classic shapes as `RandomLitmus` data: the same type, printer and barrier
 * insertion as `randomLitmus`, and every option except the size limits
 * (shapes are small by construction) applies.
 */
export function classicLitmus(options: RandomLitmusOptions = {}): fc.Arbitrary<RandomLitmus> {
  const fences: FenceName[] = ['smp_mb', 'smp_rmb', 'smp_wmb', ...(options.rcu === false ? [] : ['synchronize_rcu' as const])];
  const wraps: ShapedThread['wrap'][] = ['none', 'none', 'none', ...(options.locks === false ? [] : ['critical' as const]), ...(options.rcu === false ? [] : ['rcu_reader' as const])];
  const thread = fc.record({
    flavours: fc.array(fc.constantFrom<Flavour>('once', 'once', 'once', 'acquire', 'release', 'plain', 'xchg', 'atomic_add_return'), { minLength: 2, maxLength: 2 }),
    links: fc.array(fc.constantFrom<Link>('none', 'none', 'data', 'addr', 'ctrl', ...fences), { minLength: 1, maxLength: 1 }),
    wrap: fc.constantFrom(...wraps),
  });
  return fc.record({
    shape: fc.constantFrom(...Object.keys(shapes)),
    threads: fc.array(thread, { minLength: 3, maxLength: 3 }),
    atoms: fc.array(atom, { minLength: 1, maxLength: 3 }),
    observeEverything: options.observe === 'condition' ? fc.constant(false) : options.observe === 'everything' ? fc.constant(true) : fc.boolean(),
  }).map(({ shape, threads, atoms, observeEverything }) => {
    const template = shapes[shape]!;
    return {
      locations: Math.max(2, ...template.flat().map(([, loc]) => loc + 1)),
      threads: template.map((accesses, t) => shapedThread(accesses, threads[t]!, (t % 2) + 1)),
      condition: { connective: '/\\' as const, atoms },
      observeEverything,
    };
  });
}

/** One thread of a shape; its writes store `stored` (threads alternate 1 and 2, so coherence shows in final values). */
function shapedThread(accesses: readonly (readonly [Op, number])[], how: ShapedThread, stored: number): RandomStatement[] {
  const out: RandomStatement[] = [];
  let registers = 0;
  accesses.forEach(([op, loc], i) => {
    const link = i > 0 ? how.links[i - 1]! : 'none';
    const lastRegister = registers - 1;
    // Dependencies need a register from the access before; after a write there is none.
    const previousRead = i > 0 && accesses[i - 1]![0] === 'R';
    if (i > 0 && link !== 'none' && link !== 'data' && link !== 'addr' && link !== 'ctrl') out.push({ kind: 'fence', fence: link });
    const dependsOn = previousRead && link === 'addr' ? { register: lastRegister, otherwise: loc } : undefined;
    const address: Address = dependsOn ? { loc, dependsOn } : { loc };
    const flavour = how.flavours[i]!;
    let access: RandomStatement;
    if (op === 'R') {
      registers++;
      access = flavour === 'xchg' ? { kind: 'xchg', ordering: '_relaxed', loc, value: 1 }
        : flavour === 'atomic_add_return' ? { kind: 'atomic_add_return', loc, value: 1 }
        : { kind: 'load', flavour: flavour === 'acquire' || flavour === 'plain' ? flavour : 'once', address };
    } else {
      const value: StoredValue = previousRead && link === 'data'
        ? { kind: 'register', register: lastRegister, form: 'masked', value: stored }
        : { kind: 'constant', value: stored };
      if (flavour === 'xchg' || flavour === 'atomic_add_return') registers++;
      access = flavour === 'xchg' ? { kind: 'xchg', ordering: '', loc, value: stored }
        : flavour === 'atomic_add_return' ? { kind: 'atomic_add_return', loc, value: stored }
        : { kind: 'store', flavour: flavour === 'release' || flavour === 'plain' ? flavour : 'once', address, value };
    }
    out.push(previousRead && link === 'ctrl' ? { kind: 'if', register: lastRegister, equals: 1, body: [access] } : access);
  });
  return how.wrap === 'none' ? out : [{ kind: how.wrap, body: out }];
}

/** How many places `insertFullBarrier` can put a barrier in `thread` (every gap of every statement list). */
export function barrierSlots(test: RandomLitmus, thread: number): number {
  const count = (list: readonly RandomStatement[]): number =>
    list.length + 1 + list.reduce((n, s) => n + ('body' in s ? count(s.body) : 0), 0);
  return count(test.threads[thread % test.threads.length]!);
}

/**
 * The same test with `smp_mb();` inserted in thread `thread` (modulo the
 * thread count) at gap `slot` (modulo `barrierSlots`): gaps are numbered in
 * source order, nested bodies included. Registers and the condition are
 * unchanged, since a fence assigns no register.
 */
export function insertFullBarrier(test: RandomLitmus, thread: number, slot: number): RandomLitmus {
  const t = thread % test.threads.length;
  let remaining = slot % barrierSlots(test, t);
  const barrier: RandomStatement = { kind: 'fence', fence: 'smp_mb' };
  const insert = (list: readonly RandomStatement[]): RandomStatement[] => {
    const out: RandomStatement[] = [];
    for (const s of list) {
      if (remaining-- === 0) out.push(barrier);
      out.push('body' in s && remaining >= 0 ? { ...s, body: insert(s.body) } : s);
    }
    if (remaining-- === 0) out.push(barrier);
    return out;
  };
  return { ...test, threads: test.threads.map((list, i) => (i === t ? insert(list) : list)) };
}

/** The test as herd7 C litmus text. */
export function renderLitmus(test: RandomLitmus): string {
  const locs = locationNames.slice(0, test.locations);
  const loc = (i: number) => locs[i % locs.length]!;
  const registerCounts: number[] = [];
  const threadTexts = test.threads.map((statements, t) => {
    const lines: string[] = [];
    let registers = 0;
    let usesLock = false;
    // An earlier register, or undefined when none is assigned yet.
    const earlier = (k: number) => (registers === 0 ? undefined : `r${k % registers}`);
    const where = (a: Address, form: 'lvalue' | 'pointer') => {
      const dep = a.dependsOn ? earlier(a.dependsOn.register) : undefined;
      const pointer = dep && a.dependsOn ? `(${dep} ? ${loc(a.loc)} : ${loc(a.dependsOn.otherwise)})` : loc(a.loc);
      return form === 'lvalue' ? `*${pointer}` : pointer;
    };
    const stored = (v: StoredValue) => {
      const dep = v.kind === 'register' ? earlier(v.register) : undefined;
      if (v.kind === 'constant' || dep === undefined) return String(v.value);
      return v.form === 'copy' ? dep : `(${dep} & 0) + ${v.value}`;
    };
    const emit = (s: RandomStatement, indent: string): void => {
      switch (s.kind) {
        case 'load': {
          const source = s.flavour === 'once' ? `READ_ONCE(${where(s.address, 'lvalue')})`
            : s.flavour === 'acquire' ? `smp_load_acquire(${where(s.address, 'pointer')})`
            : where(s.address, 'lvalue');
          lines.push(`${indent}r${registers++} = ${source};`);
          return;
        }
        case 'store': {
          const v = stored(s.value);
          lines.push(s.flavour === 'once' ? `${indent}WRITE_ONCE(${where(s.address, 'lvalue')}, ${v});`
            : s.flavour === 'release' ? `${indent}smp_store_release(${where(s.address, 'pointer')}, ${v});`
            : `${indent}${where(s.address, 'lvalue')} = ${v};`);
          return;
        }
        case 'fence':
          lines.push(`${indent}${s.fence}();`);
          return;
        case 'xchg':
          lines.push(`${indent}r${registers++} = xchg${s.ordering}(${loc(s.loc)}, ${s.value});`);
          return;
        case 'cmpxchg':
          lines.push(`${indent}r${registers++} = cmpxchg${s.ordering}(${loc(s.loc)}, ${s.expected}, ${s.value});`);
          return;
        case 'atomic_inc':
          lines.push(`${indent}atomic_inc(${loc(s.loc)});`);
          return;
        case 'atomic_add_return':
          lines.push(`${indent}r${registers++} = atomic_add_return(${s.value}, ${loc(s.loc)});`);
          return;
        case 'if':
          printRandomIf(s, indent, lines, earlier, emit);
          return;
        case 'critical':
          usesLock = true;
          lines.push(`${indent}spin_lock(${lockName});`);
          for (const b of s.body) emit(b, indent);
          lines.push(`${indent}spin_unlock(${lockName});`);
          return;
        case 'trylock': {
          usesLock = true;
          const r = `r${registers++}`;
          lines.push(`${indent}${r} = spin_trylock(${lockName});`, `${indent}if (${r}) {`);
          for (const b of s.body) emit(b, `${indent}\t`);
          lines.push(`${indent}\tspin_unlock(${lockName});`, `${indent}}`);
          return;
        }
        case 'is_locked':
          usesLock = true;
          lines.push(`${indent}r${registers++} = spin_is_locked(${lockName});`);
          return;
        case 'rcu_reader':
          lines.push(`${indent}rcu_read_lock();`);
          for (const b of s.body) emit(b, indent);
          lines.push(`${indent}rcu_read_unlock();`);
          return;
      }
    };
    for (const s of statements) emit(s, '\t');
    registerCounts.push(registers);
    const params = [...locs.map((l) => `int *${l}`), ...(usesLock ? [`spinlock_t *${lockName}`] : [])];
    const decls = Array.from({ length: registers }, (_, k) => `\tint r${k};`);
    return [`P${t}(${params.join(', ')})`, '{', ...decls, ...(decls.length > 0 ? [''] : []), ...lines, '}'].join('\n');
  });

  const atoms = test.condition.atoms.map((a) => {
    if (a.kind === 'register') {
      // A register atom names a thread with registers; with none anywhere it becomes a location atom.
      const withRegisters = registerCounts.flatMap((n, t) => (n > 0 ? [t] : []));
      if (withRegisters.length > 0) {
        const t = withRegisters[a.thread % withRegisters.length]!;
        return `${t}:r${a.register % registerCounts[t]!}=${a.value}`;
      }
      return `${loc(a.register)}=${a.value}`;
    }
    return `${loc(a.loc)}=${a.value}`;
  });
  const everything = [...locs, ...registerCounts.flatMap((n, t) => Array.from({ length: n }, (_, k) => `${t}:r${k}`))];
  return [
    'C random', '', '{', '}', '',
    threadTexts.join('\n\n'), '',
    ...(test.observeEverything ? [`locations [${everything.map((target) => `${target};`).join(' ')}]`] : []),
    `exists (${atoms.join(` ${test.condition.connective} `)})`, '',
  ].join('\n');
}

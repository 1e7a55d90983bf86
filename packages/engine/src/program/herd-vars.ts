// herd7's numbering of a thread's symbolic values. herd7 builds a thread's
// events symbolically (herd/CSem.ml): every register read, memory read and
// operation on a read value gets a fresh variable (S1, S2, ...), numbered
// across the threads in order. Its semantics is a list of alternatives (one
// per way through the code's `if`s, loop iterations and read-modify-writes
// that may fail), and whatever follows is built once per alternative, each
// copy with fresh variables, in the order of that list. Every bind of its
// monad walks the list it is given and builds its result by prepending, so
// the order flips at each bind: after `if (c) A else B` the rest of the code
// is built for B's ways first. A thread's numbering replays those binds.
// When a value is never solved (a cycle of plain copies that justifies
// itself, see explore/value-cycles.ts) herd7 prints it as a variable equal to
// it, its union-find's representative (most often the highest-numbered). To print the same name, the thread semantics looks up
// here the number of each read on the way it took (`path`).
import type { BlockStmt, Expr, Stmt } from '../syntax/ast.ts';
import { primitive, type Primitive } from './primitives.ts';

/** The variables of one thread's code. */
export interface HerdVarNumbering {
  /**
   * A read's variable, by the way taken to it (a number from `next`), the
   * node that reads and, for a primitive that reads more than once, which of
   * its reads; undefined for a read off the numbered ways.
   */
  varOf(path: number, node: object, part?: ReadPart): number | undefined;
  /** The variables the whole thread allocates, every alternative included. */
  readonly total: number;
  /**
   * The way that follows `path` (a number: 0 is the thread's start) when the
   * decision `letter` is taken; -1 off the numbered ways (a numbering cut
   * short, see `complete`), and from there on.
   */
  next(path: number, letter: Decision): number;
  /**
   * False when the code has too many alternatives, or too much code on them,
   * to number in bounded work: the walk stops, reads past it have no number
   * and the names of unsolved values may then differ from herd7's.
   */
  readonly complete: boolean;
}

/** A decision taken while building: a branch or loop test going on (`T`) or out (`E`), a read-modify-write that succeeds (`S`) or fails (`F`). */
export type Decision = 'T' | 'E' | 'S' | 'F';

/**
 * Which read of a primitive that reads more than once: none for a plain
 * read; a compare-and-exchange's read when it succeeds (`S`) or fails
 * (`F`), and the read of a C11 compare-exchange's expected value (`E`).
 */
export type ReadPart = '' | 'S' | 'F' | 'E';
const partCodes: Readonly<Record<ReadPart, number>> = { '': 0, S: 1, F: 2, E: 3 };

/** Most alternatives numbered per thread. */
const maxAlternatives = 4096;
/** Most steps of the walk (nodes visited, variables allocated) per thread: linear code of this size and more numbers in well under a second. */
const maxSteps = 2_000_000;

/** Thrown inside the walk when it passes a bound; caught by `numberHerdVars`. */
class TooBig extends Error {}

/** The ways after a piece of code, in the order of herd7's list of alternatives. */
type Ways = number[];

/**
 * herd7's bind: the continuation runs for each way in order (allocating its
 * variables), and the results come out reversed (each is prepended).
 */
function bind(ways: Ways, then: (way: number) => Ways): Ways {
  return ways.flatMap(then).reverse();
}

/**
 * Numbers the reads of `body` as herd7 does, loops unrolled `unroll` times.
 * `tick` is called at every step of the walk (a run's meter: it may throw to
 * stop it).
 */
export function numberHerdVars(body: BlockStmt, unroll: number, tick: () => void = () => {}): HerdVarNumbering {
  // By node, then by way and part (path * 4 + part): plain maps that die
  // with the numbering (a WeakMap's young entries outlive a scavenge).
  const index = new Map<object, Map<number, number>>();
  const varOf = (path: number, node: object, part: ReadPart = ''): number | undefined => index.get(node)?.get(path * 4 + partCodes[part]);
  // Ways are numbered as a tree: `ways` maps a way and a decision to the way after it.
  const ways = new Map<string, number>();
  const step = (path: number, letter: Decision): number => {
    const key = `${path}${letter}`;
    let way = ways.get(key);
    if (way === undefined) ways.set(key, (way = ways.size + 1));
    return way;
  };
  /** Ways that end at a loop's cut-off (herd7's B.Exit), until a block around it ends. */
  const cutOff = new Set<number>();
  let n = 0;
  let alternatives = 1;
  let steps = 0;
  const walked = (): void => {
    if (++steps > maxSteps) throw new TooBig();
    tick();
  };
  const fresh = (path: number, node?: object, part: ReadPart = ''): void => {
    walked();
    n++;
    if (!node) return;
    let ofNode = index.get(node);
    if (!ofNode) index.set(node, (ofNode = new Map()));
    ofNode.set(path * 4 + partCodes[part], n);
  };
  /** Two ways out of one (herd7's altT and choiceT: the first built first). */
  const split = (path: number, first: Decision, second: Decision): [number, number] => {
    if (++alternatives > maxAlternatives) throw new TooBig();
    return [step(path, first), step(path, second)];
  };

  /** herd7's `>>|`: both sides built (left first), paired; each side's ways are single in practice. */
  const both = (path: number, left: (p: number) => Ways, right: (p: number) => Ways): Ways => {
    const l = left(path);
    const r = l.length === 1 ? right(l[0]!) : l.flatMap((p) => right(p));
    return l.length === 1 ? r.slice().reverse() : r.reverse();
  };

  /** A binary operation on two values: a variable unless both are constants, or herd7 simplifies it away. */
  const operation = (path: number, op: string, left: Expr | undefined, right: Expr | undefined): void => {
    const readsAny = (left !== undefined && reads(left)) || (right !== undefined && reads(right));
    if (!readsAny) return;
    // herd7 simplifies `v + 0` and `v | 0` to v while building: no variable.
    const zero = (e: Expr | undefined) => e !== undefined && constantValue(e) === 0;
    if ((op === '+' || op === '|') && (zero(left) || zero(right))) return;
    fresh(path);
  };

  /** The ways after evaluating `e` from `path`, allocating its variables. */
  const expr = (path: number, e: Expr): Ways => {
    walked();
    switch (e.kind) {
      case 'number':
        return [path];
      case 'name':
        fresh(path, e);
        return [path];
      case 'cast':
        return expr(path, e.operand);
      case 'unary':
        if (e.op === '&') return [path];
        return bind(expr(path, e.operand), (p) => {
          if (e.op === '*') fresh(p, e);
          else if (reads(e.operand)) fresh(p);
          return [p];
        });
      case 'binary':
        return bind(both(path, (p) => expr(p, e.left), (p) => expr(p, e.right)), (p) => {
          operation(p, e.op, e.left, e.right);
          return [p];
        });
      case 'conditional':
        return bind(expr(path, e.test), (p) =>
          bind(both(p, (q) => expr(q, e.then), (q) => expr(q, e.otherwise)), (q) => {
            fresh(q);
            return [q];
          }),
        );
      case 'assign': {
        // Statement-like assignments (`r = e`, `*x = e`) are handled by `assignment`.
        return assignment(path, e);
      }
      case 'call': {
        const p = primitive(e.callee.name);
        return p ? call(path, e, p) : e.args.reduce<Ways>((ps, a) => ps.flatMap((q) => expr(q, a)), [path]);
      }
    }
  };

  /** `r = e` (herd7's StoreReg: the value, then a register write) or `*x = e` (StoreMem: the location and the value, then the write). */
  const assignment = (path: number, e: Extract<Expr, { kind: 'assign' }>): Ways => {
    const memory = e.target.kind === 'unary' && e.target.op === '*';
    const value = (p: number): Ways => {
      if (e.op === '=') return expr(p, e.value);
      // A compound assignment reads the target too, and computes.
      return bind(expr(p, e.target), (q) =>
        bind(expr(q, e.value), (r) => {
          fresh(r);
          return [r];
        }),
      );
    };
    if (!memory) return bind(value(path), (p) => [p]);
    const target = e.target as Extract<Expr, { kind: 'unary' }>;
    return bind(both(path, (p) => expr(p, target.operand), value), (p) => [p]);
  };

  /** A primitive's location operand: `*p` in an lvalue position stands for p. */
  const pointer = (path: number, e: Expr | undefined, lvalue: boolean): Ways => {
    if (!e) return [path];
    if (lvalue && e.kind === 'unary' && e.op === '*') return expr(path, e.operand);
    if (lvalue && e.kind === 'name') return [path];
    return expr(path, e);
  };

  const call = (path: number, e: Extract<Expr, { kind: 'call' }>, p: Primitive): Ways => {
    const [a, b, c] = e.args;
    switch (p.kind) {
      case 'load':
        // __load{..}(X): the location, then the read.
        return bind(pointer(path, a, p.form === 'lvalue'), (q) => {
          fresh(q, e);
          return [q];
        });
      case 'store':
        // __store{..}(X,V): StoreMem, the location and the value side by side, then the write.
        return bind(both(path, (q) => pointer(q, a, p.form === 'lvalue'), (q) => (b ? expr(q, b) : [q])), (q) => [q]);
      case 'fence':
        return [path];
      case 'sync-srcu':
      case 'lock':
      case 'unlock':
        return bind(pointer(path, a, false), (q) => [q]);
      case 'xchg':
        // linux_exch: the location, the value, the read (one alternative).
        return sequence(path, [(q) => pointer(q, a, false), (q) => (b ? expr(q, b) : [q])], (q) => fresh(q, e));
      case 'atomic-op':
      case 'op-return':
      case 'fetch-op': {
        // build_atomic_op: the operand, the location, the read, then the operation.
        const operand = p.operand === 'arg' ? a : undefined;
        const location = p.operand === 'arg' ? b : a;
        const ways = sequence(path, [(q) => (operand ? expr(q, operand) : [q]), (q) => pointer(q, location, false)], (q) => {
          fresh(q, e);
          const constant = operand ? constantValue(operand) : (p.operand as number);
          const copies = (p.op === '+' || p.op === '|') && constant === 0;
          if (!copies) fresh(q);
        });
        // atomic_dec_and_test() and friends compare the new value with 0: one more operation.
        if (p.kind === 'op-return' && p.test) for (const q of ways) fresh(q);
        return ways;
      }
      case 'cmpxchg': {
        // altT: on success the location, old and new values, the read (equated
        // with old: no variable); on failure the location and old value again,
        // the read, and its comparison with old.
        // The new value's variables are kept under the success way: the
        // thread semantics evaluates it once the comparison has succeeded.
        const [ok, no] = split(path, 'S', 'F');
        sequence(path, [(q) => pointer(q, a, false), (q) => (b ? expr(q, b) : [q]), (q) => (c ? (expr(ok, c), [q]) : [q])], (q) => fresh(q, e, 'S'));
        sequence(path, [(q) => pointer(q, a, false), (q) => (b ? expr(q, b) : [q])], (q) => {
          fresh(q, e, 'F');
          fresh(q);
        });
        return [ok, no];
      }
      case 'add-unless': {
        // altT: on success the location, the addend, the limit, the read, the
        // addition, the comparison with the limit; on failure the location,
        // the limit and the read (equated with the limit: no variable).
        const [ok, no] = split(path, 'S', 'F');
        sequence(path, [(q) => pointer(q, a, false), (q) => (b ? expr(q, b) : [q]), (q) => (c ? expr(q, c) : [q])], (q) => {
          fresh(q, e, 'S');
          operation(q, '+', e, b);
          fresh(q);
        });
        sequence(path, [(q) => pointer(q, a, false), (q) => (c ? expr(q, c) : [q])], (q) => fresh(q, e, 'F'));
        return [ok, no];
      }
      case 'c11-rmw':
        // Exchange/Fetch with a memory order: the value and the location side
        // by side, then the read-and-write event (its read, and for a fetch
        // the value it stores: M.fetch's two fresh variables).
        return bind(both(path, (q) => (b ? expr(q, b) : [q]), (q) => pointer(q, a, false)), (q) => {
          fresh(q, e);
          if (p.op) fresh(q);
          return [q];
        });
      case 'c11-cas':
        // ECas: E's location, X's location, the read of E; then altT, the
        // failure first (X's read, compared with E's value by a strong one) and the success (D, then one event whose
        // read is E's value: no variable).
        return sequence(path, [(q) => pointer(q, b, false), (q) => pointer(q, a, false)], (q) => fresh(q, e, 'E')).flatMap((q) => {
          const [no, ok] = split(q, 'F', 'S');
          fresh(no, e, 'F');
          // A strong one compares the two (neqT): one more variable.
          if (p.strong) fresh(no);
          if (c) expr(ok, c);
          // What follows is built for the failure first (checked against herd7's names).
          return [ok, no];
        });
      case 'trylock':
      case 'is-locked':
        // The lock's location, then two alternatives (taken / not taken), through one bind.
        return bind(pointer(path, a, false), (q) => split(q, 'S', 'F'));
    }
  };

  /** Parts evaluated one after the other (herd7 evaluates each to a single alternative here), then `last`. */
  const sequence = (path: number, parts: readonly ((p: number) => Ways)[], last: (p: number) => void): Ways => {
    let current: Ways = [path];
    for (const part of parts) current = current.flatMap(part);
    for (const q of current) last(q);
    return current;
  };

  /** The ways after statement `s` from `path`, in herd7's order. */
  const stmt = (path: number, s: Stmt): Ways => {
    walked();
    switch (s.kind) {
      case 'block':
        return statements(path, s.body, 0, false);
      case 'decl': {
        // Each `int r = e` is a StoreReg; a declaration without a value builds nothing.
        const inits = s.declarators.flatMap((d) => (d.init ? [d.init] : []));
        const storeReg = (p: number, init: Expr): Ways => bind(expr(p, init), (q) => [q]);
        const from = (p: number, i: number): Ways => (i === inits.length - 1 ? storeReg(p, inits[i]!) : bind(storeReg(p, inits[i]!), (q) => from(q, i + 1)));
        return inits.length === 0 ? [path] : from(path, 0);
      }
      case 'expr':
        // An expression statement: an assignment (StoreReg/StoreMem), or an
        // expression whose value is dropped, through one bind.
        return s.expr.kind === 'assign' ? assignment(path, s.expr) : bind(expr(path, s.expr), (p) => [p]);
      case 'if': {
        const constant = constantValue(s.test);
        // build_cond >>>> choiceT: the condition, then both branches (then first), through one bind.
        return bind(condition(path, s.test), (p) => {
          if (constant !== undefined) return constant !== 0 ? stmt(p, s.then) : s.otherwise ? stmt(p, s.otherwise) : [p];
          const [then, otherwise] = split(p, 'T', 'E');
          return [...stmt(then, s.then), ...(s.otherwise ? stmt(otherwise, s.otherwise) : [otherwise])];
        });
      }
      case 'while':
        return loop(path, s.test, s.body, undefined, 0);
      case 'for': {
        // herd7 has no `for` (nor `do`, `break`, `continue`): numbered as a `while`, for want of a reference.
        const start = s.init ? stmt(path, s.init) : [path];
        return start.flatMap((p) => loop(p, s.test, s.body, s.update, 0));
      }
      case 'empty':
      case 'break':
      case 'continue':
        return [path];
    }
  };

  /**
   * herd7's build_semantics_list (a block, `top` false): the first statement,
   * then the rest for each of its ways (a bind), even a way cut off at the
   * unroll bound; the block ends as an ordinary step (no longer a cut-off).
   * With `top`, the thread's own statements as herd7's driver runs them:
   * alike, but a way cut off at the unroll bound ends the thread there.
   * Iterative over statements that leave one way (a bind of one way only
   * reverses what comes back from the rest, so count those reversals), so a
   * thread of 45,000 statements is no deeper than one of 10.
   */
  const statements = (path: number, body: readonly Stmt[], from: number, top: boolean): Ways => {
    let way = path;
    let flips = 0;
    for (let i = from; i < body.length; i++) {
      const ways = stmt(way, body[i]!);
      if (ways.length === 1) {
        way = ways[0]!;
        if (top && cutOff.has(way)) return [way];
        flips++;
        continue;
      }
      const rest = bind(ways, (p) => (top && cutOff.has(p) ? [p] : statements(p, body, i + 1, top)));
      return flips % 2 === 1 ? rest.reverse() : rest;
    }
    if (!top) cutOff.delete(way);
    return [way];
  };

  /**
   * herd7's `while`: the test, then (a bind) the body and the loop again (at
   * the bound: a cut-off that ends the thread), or out. A constant test is
   * decided while building: no alternative.
   */
  const loop = (path: number, test: Expr | undefined, body: Stmt, update: Expr | undefined, iteration: number): Ways => {
    const constant = test === undefined ? undefined : constantValue(test);
    const tested = test && constant === undefined ? condition(path, test) : [path];
    return bind(tested, (p) => {
      if (constant === 0) return [p];
      const [on, out] = constant === undefined ? split(p, 'T', 'E') : [p, undefined];
      const exit = out === undefined ? [] : [out];
      if (iteration >= unroll) {
        cutOff.add(on);
        return [on, ...exit];
      }
      const again = (q: number): Ways => loop(q, test, body, update, iteration + 1);
      const afterBody = bind(stmt(on, body), (q) => (update ? bind(expr(q, update), again) : again(q)));
      return [...afterBody, ...exit];
    });
  };

  /** A branch condition: herd7 compares one that is not a comparison with 0, an operation of its own. */
  const condition = (path: number, test: Expr): Ways => {
    const comparison = test.kind === 'binary' && ['==', '!=', '<', '<=', '>', '>='].includes(test.op);
    if (comparison) return expr(path, test);
    // Op(Ne, test, 0): the two sides paired, then the operation.
    return bind(both(path, (p) => expr(p, test), (p) => [p]), (p) => {
      if (reads(test)) fresh(p);
      return [p];
    });
  };

  const next = (path: number, letter: Decision): number => (path < 0 ? -1 : (ways.get(`${path}${letter}`) ?? -1));
  try {
    statements(0, body.body, 0, true);
  } catch (e) {
    if (!(e instanceof TooBig)) throw e;
    return { varOf, total: n, next, complete: false };
  }
  return { varOf, total: n, next, complete: true };
}

/** Whether evaluating `e` reads a register or memory (herd7 folds operations on constants only). */
function reads(e: Expr): boolean {
  switch (e.kind) {
    case 'number':
      return false;
    case 'name':
    case 'call':
    case 'assign':
      return true;
    case 'unary':
    case 'cast':
      return e.kind === 'unary' && e.op === '*' ? true : reads(e.operand);
    case 'binary':
      return reads(e.left) || reads(e.right);
    case 'conditional':
      return reads(e.test) || reads(e.then) || reads(e.otherwise);
  }
}

/** The value of an expression of constants only (a condition herd7 decides while building), else undefined. */
export function constantValue(e: Expr): number | undefined {
  if (e.kind === 'number') return e.value;
  if (e.kind === 'cast') return constantValue(e.operand);
  if (e.kind === 'binary') {
    const a = constantValue(e.left);
    const b = constantValue(e.right);
    if (a === undefined || b === undefined) return undefined;
    switch (e.op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '==': return a === b ? 1 : 0;
      case '!=': return a !== b ? 1 : 0;
      case '<': return a < b ? 1 : 0;
      case '<=': return a <= b ? 1 : 0;
      case '>': return a > b ? 1 : 0;
      case '>=': return a >= b ? 1 : 0;
      case '&': return a & b;
      case '|': return a | b;
      case '^': return a ^ b;
      default: return undefined;
    }
  }
  return undefined;
}

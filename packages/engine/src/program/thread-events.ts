// The events a thread emits as it runs, with the edges between them: program
// order is their order, and each event records the dependencies herd7 gives
// it (addr, data, ctrl, rmw) and what its value was computed from. The thread
// semantics (thread-semantics.ts) extends this with statements and
// expressions; the primitives (primitive-semantics.ts) emit through it.
import type { Span } from '../syntax/diagnostic.ts';
import type { LocalEdge, LockKind, ThreadEvent } from './event.ts';
import type { AccessTag, FenceTag } from './primitives.ts';
import { cancelledDeps, semanticDeps, type ConditionScope, type Tainted } from './taint.ts';
import { Abandon, type Choices, type ReadableValues, type ThreadRunOptions } from './thread-paths.ts';
import { valueKey, type Value } from './value.ts';

/** One run of a thread, as far as its events go. */
export abstract class ThreadEvents {
  protected readonly events: ThreadEvent[] = [];
  protected readonly rmw: LocalEdge[] = [];
  protected readonly addr: LocalEdge[] = [];
  protected readonly data: LocalEdge[] = [];
  protected readonly ctrl: LocalEdge[] = [];
  protected readonly valueFrom: LocalEdge[] = [];
  /** Data dependencies that carry no value (see ThreadTrace.solvedData). */
  protected readonly solvedData: LocalEdge[] = [];
  /** The reads the events here are control-dependent on. */
  protected ctrlDeps: readonly number[] = [];
  /** Set while a branch condition is evaluated. */
  protected scope: ConditionScope | undefined;
  /** Per event position, for a read: the highest herd7 variable equal to its value (itself, or a register read copying it). */
  protected readonly readVars: number[] = [];

  /** Per event: the statement (herd7's instruction) it belongs to, and the access (primitive call or plain access) that made it. */
  private readonly statementOf: number[] = [];
  private readonly accessOf: number[] = [];
  private statements = 0;
  private accesses = 0;
  private statement = 0;
  private access = 0;
  /** Reads of the current statement whose value only a write later in it may give (see settleReads). */
  private readonly unsettled: { loc: string; value: Value; span: Span; at: number }[] = [];
  /** Per access (by number): the access whose arguments it is part of, or 0. */
  private readonly enclosingAccess: number[] = [0];

  constructor(
    protected readonly options: ThreadRunOptions,
    protected readonly choices: Choices,
  ) {}

  get eventsSoFar(): readonly ThreadEvent[] {
    return this.events;
  }

  get valueFromSoFar(): readonly LocalEdge[] {
    return this.valueFrom;
  }

  /** True in the value domain's rounds, whose runs take ways whatever the values (ThreadRunOptions.forkBranches). */
  get overApproximating(): boolean {
    return this.options.forkBranches === true;
  }

  /** Variable `v` is equal to the value read at position `read`. */
  noteVar(read: number, v: number): void {
    if (v > (this.readVars[read] ?? 0)) this.readVars[read] = v;
  }

  protected emit(event: ThreadEvent): number {
    this.options.meter?.tick();
    const id = this.events.length;
    this.events.push(event);
    this.statementOf.push(this.statement);
    this.accessOf.push(this.access);
    for (const r of this.ctrlDeps) this.ctrl.push([r, id]);
    return id;
  }

  /** A new statement begins: its events are in program order after those of the statements before. */
  beginStatement(): void {
    this.settleReads();
    this.statement = ++this.statements;
  }

  /**
   * Ends the path (`unread`) when a read of the statement just run took a
   * value that neither the writes it may read from before it (mayRead) nor
   * a write of its own statement make.
   */
  protected settleReads(): void {
    if (this.unsettled.length === 0) return;
    for (const read of this.unsettled) {
      const key = valueKey(read.value);
      let written = false;
      for (let i = this.events.length - 1; i >= 0 && this.statementOf[i] === this.statement; i--) {
        const e = this.events[i]!;
        if (e.kind === 'W' && e.loc === read.loc && e.lock === undefined && e.value !== undefined && valueKey(e.value) === key) written = true;
      }
      if (!written) throw new Abandon('unread', 'no write this read may read from writes this value', read.span, { loc: read.loc, value: read.value, at: read.at });
    }
    this.unsettled.length = 0;
  }

  /** Runs `body` as one access: the events it makes itself (not those of accesses nested in it) belong together. */
  protected asAccess<T>(body: () => T): T {
    const outer = this.access;
    this.access = ++this.accesses;
    this.enclosingAccess[this.access] = outer;
    try {
      return body();
    } finally {
      this.access = outer;
    }
  }

  /** Whether access `a` is part of the arguments of access `b`, however deep. */
  private withinArguments(a: number, b: number): boolean {
    for (let x = this.enclosingAccess[a] ?? 0; x !== 0; x = this.enclosingAccess[x] ?? 0) if (x === b) return true;
    return false;
  }

  /**
   * The pairs of events of one statement, from different accesses, that
   * nothing orders (see ThreadTrace.unorderedInStatement). herd7 orders an
   * access's arguments before its write (the value stored, cmpxchg()'s
   * expected value, atomic_add_unless()'s limit: data or control within the
   * instruction), an address before the access, and otherwise only where
   * a dependency (addr, data, value, rmw) leads from one event to the other.
   */
  protected unorderedInStatement(): LocalEdge[] {
    const pairs: LocalEdge[] = [];
    const n = this.events.length;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (this.statementOf[i] === this.statementOf[j] && this.accessOf[i] !== this.accessOf[j]) pairs.push([i, j]);
      }
    }
    if (pairs.length === 0) return pairs;
    const next = new Map<number, number[]>();
    for (const [a, b] of [...this.addr, ...this.data, ...this.valueFrom, ...this.rmw]) {
      if (this.statementOf[a] !== this.statementOf[b]) continue;
      const list = next.get(a) ?? [];
      list.push(b);
      next.set(a, list);
    }
    const reaches = (from: number, to: number): boolean => {
      const seen = new Set<number>([from]);
      const todo = [from];
      while (todo.length > 0) {
        for (const b of next.get(todo.pop()!) ?? []) {
          if (b === to) return true;
          if (!seen.has(b)) {
            seen.add(b);
            todo.push(b);
          }
        }
      }
      return false;
    };
    const argumentOfWrite = (i: number, j: number) => this.events[j]!.kind === 'W' && this.withinArguments(this.accessOf[i]!, this.accessOf[j]!);
    return pairs.filter(([i, j]) => !argumentOfWrite(i, j) && !reaches(i, j));
  }

  read(loc: string, addrDeps: readonly number[], tags: readonly AccessTag[], span: Span, rmw = false, herdVar = 0): Tainted {
    const domain = this.options.domain(loc);
    const choice = this.choices.choose(domain.length, loc);
    const value = domain[choice] ?? 0;
    // A write of this statement may come later in it and be read all the
    // same (herd7 may leave the two unordered): settled when the statement ends.
    if (this.options.readable && !this.mayRead(this.options.readable, loc, value)) this.unsettled.push({ loc, value, span, at: this.events.length });
    const id = this.emit({ kind: 'R', loc, value, tags, rmw, span, text: this.options.textOf(span), choice });
    this.noteVar(id, herdVar);
    for (const a of addrDeps) this.addr.push([a, id]);
    this.scope?.reads.push(id);
    return { v: value, deps: [id] };
  }

  /**
   * Whether a read of `loc` about to be made may read `value` by coherence
   * (ThreadRunOptions.readable): the value of this thread's last write to
   * `loc` in an earlier statement (the initial value when there is none), or
   * a value another thread may write. If not, only a write of its own
   * statement may still give it the value (settleReads).
   */
  private mayRead(readable: ReadableValues, loc: string, value: Value): boolean {
    const initial = readable.initial(loc);
    if (initial === undefined) return true;
    const key = valueKey(value);
    let last: Value | undefined = initial;
    for (let i = this.events.length - 1; i >= 0; i--) {
      const e = this.events[i]!;
      if (e.kind !== 'W' || e.loc !== loc || e.lock !== undefined || e.value === undefined || this.statementOf[i] === this.statement) continue;
      last = e.value;
      break;
    }
    return valueKey(last) === key || readable.writtenElsewhere(loc, value);
  }

  write(loc: string, value: Tainted, addrDeps: readonly number[], tags: readonly AccessTag[], span: Span, rmw = false): number {
    const id = this.emit({ kind: 'W', loc, value: value.v, tags, rmw, span, text: this.options.textOf(span) });
    for (const a of addrDeps) this.addr.push([a, id]);
    for (const d of value.deps) this.data.push([d, id]);
    for (const d of semanticDeps(value)) this.valueFrom.push([d, id]);
    for (const d of cancelledDeps(value)) this.solvedData.push([d, id]);
    return id;
  }

  /** The write of an RMW; `computed` when its value is computed from the value read (atomic_add, ...), not given (xchg). */
  rmwWrite(old: Tainted, loc: string, value: Tainted, addrDeps: readonly number[], tags: readonly AccessTag[], span: Span, computed = false): void {
    const w = this.write(loc, value, addrDeps, tags, span, true);
    this.rmw.push([old.deps[0]!, w]);
    if (computed) {
      // The new value is computed from the old: herd7 counts that as a data
      // dependency (its iico_data), which LKMM's carry-dep then carries on
      // through a reload of the written value (data ; rfi).
      this.data.push([old.deps[0]!, w]);
      this.valueFrom.push([old.deps[0]!, w]);
    }
  }

  /** A fence; `loc` for synchronize_srcu(), which names its srcu_struct. */
  fence(tags: readonly (FenceTag | 'sync-srcu')[], span: Span, loc?: string): void {
    this.emit({ kind: 'F', ...(loc === undefined ? {} : { loc }), tags, rmw: false, span, text: this.options.textOf(span) });
  }

  lockEvent(kind: 'R' | 'W', lock: LockKind, loc: string, value: number, addrDeps: readonly number[], span: Span): number {
    const id = this.emit({ kind, loc, value, tags: [], lock, rmw: false, span, text: this.options.textOf(span) });
    for (const a of addrDeps) this.addr.push([a, id]);
    return id;
  }
}

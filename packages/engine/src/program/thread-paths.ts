// The ways through a thread's code. A thread runs once per path: each read
// picks a value of its location's domain and each forked branch a way, and a
// depth-first walk over those choice points (Choices) takes every path in
// turn. A path ends with a trace, or is abandoned (a loop past its unroll
// bound, a fault). thread-run.ts walks them; thread-semantics.ts runs one.
import type { Span } from '../syntax/diagnostic.ts';
import type { LocalEdge, ThreadEvent, ThreadTrace } from './event.ts';
import { memoryCost, type Meter } from '../budget/meter.ts';
import type { Value } from './value.ts';
import type { ThreadCode } from './program.ts';
import type { HerdVarNumbering } from './herd-vars.ts';

/**
 * Why a path was abandoned: a loop past the unroll bound, a fault, an
 * event no execution under herd7's LKMM keeps (a C11 read-modify-write, see
 * primitive-semantics.ts), which drops the path as silently as herd7 does, or
 * a read of a value no write it may read from makes (`unread`, see
 * ThreadRunOptions.readable). `unread` paths are not runs of the thread: a
 * ThreadRun leaves them out, and only the value domain's rounds keep them, to
 * take them again once the value is written elsewhere.
 */
export type PathEnd = 'unroll' | 'fault' | 'incoherent' | 'unread';

export interface ThreadRun {
  readonly traces: ThreadTrace[];
  /** Paths abandoned: a loop ran past the unroll bound, a fault (null dereference, ...), or an incoherent event. */
  readonly abandoned: AbandonedPath[];
  /** True when `maxTraces` stopped the enumeration. */
  readonly truncated: boolean;
}

export interface AbandonedPath {
  readonly reason: PathEnd;
  readonly message: string;
  readonly span: Span;
  /** The events of the path before it was abandoned. */
  readonly events: readonly ThreadEvent[];
  /** Which reads (positions) each of those events' values was computed from (as `ThreadTrace.valueFrom`). */
  readonly valueFrom?: readonly LocalEdge[];
  /** For a path cut at the unroll bound: its registers there (herd7's final state of a cut-off candidate). */
  readonly registers?: ReadonlyMap<string, Value>;
  /** For an `unread` path: the value its last read took, which only a write by another thread could give it. */
  readonly unread?: UnreadValue;
}

/** A location, a value a read of it took, and the read's position among the path's events. */
export interface UnreadValue {
  readonly loc: string;
  readonly value: Value;
  readonly at: number;
}

/**
 * Which values a read may take besides its thread's own writes, by
 * coherence (see ThreadRunOptions.readable).
 */
export interface ReadableValues {
  /** The initial value of `loc`; undefined when `loc` has none (an offset from a location), and then every value of the domain is readable. */
  initial(loc: string): Value | undefined;
  /** Whether a thread other than the one running may write `value` to `loc`. */
  writtenElsewhere(loc: string, value: Value): boolean;
}

export interface ThreadRunOptions {
  /** Values a read of `loc` may return. */
  readonly domain: (loc: string) => readonly Value[];
  readonly unroll: number;
  readonly maxTraces: number;
  /**
   * Take both ways of every branch whose condition depends on a read, whatever
   * the value read. For the value domain (value-domain.ts): herd7 builds every
   * path and solves the values afterwards, so a value written on a path that
   * only a value not yet known can take (a value justified through the branch
   * itself, as in a load buffering through control dependencies) is a value.
   */
  readonly forkBranches?: boolean;
  /**
   * Restricts reads to the values coherence lets them read: a read of `loc`
   * reads the initial write, a write of another thread, or a write of its
   * own thread before it. The initial write is co-before every other write,
   * and a read after the thread's own write to `loc` cannot read what is
   * co-before that write (coherence's CoWR), nor its own later writes (CoRW):
   * so it takes the value of its thread's last write to `loc` in an earlier
   * statement (the initial value when there is none), a value another thread
   * may write (`writtenElsewhere`), or the value of a write of its own
   * statement (which herd7 may leave unordered with it). A path whose read
   * takes any other value ends `unread`. Without it, reads range over the
   * whole domain. The restriction only drops paths no execution has: the
   * per-thread traces then grow with the values each read can see, not with
   * the domain to the power of the reads.
   */
  readonly readable?: ReadableValues;
  readonly textOf: (span: Span) => string;
  /**
   * The run's meter: ticked for every event, charged for every path kept (see
   * `pathBytes`), so a budget can stop a thread with too many paths or events.
   */
  readonly meter?: Meter;
  /**
   * Where the runs of one program keep each thread's herd7 variable
   * numbering (herd-vars.ts), so it is computed once per thread, and dropped
   * with the run. Without it every run of a thread numbers its code again.
   */
  readonly herdVars?: Map<ThreadCode, HerdVarNumbering>;
}

/** What one path of a thread holds, by the meter's estimate. */
export function pathBytes(path: ThreadPath): number {
  const t = path.trace;
  if (t) return 128 + memoryCost.traceEvent * t.events.length + memoryCost.traceEdge * (t.addr.length + t.data.length + t.ctrl.length + t.rmw.length + (t.valueFrom?.length ?? 0));
  return 128 + memoryCost.traceEvent * (path.abandoned?.events.length ?? 0);
}

export class Abandon {
  constructor(readonly reason: PathEnd, readonly message: string, readonly span: Span, readonly unread?: UnreadValue) {}
}

/** Replays a depth-first walk over choice points: each run takes the next path. */
export class Choices {
  private readonly taken: number[];
  private readonly counts: number[];
  /** The location of each choice point that is a read (its count is the size of the location's domain). */
  private readonly reads: (string | undefined)[];
  private cursor = 0;

  /** `prefix`: choices every path takes first (the walk covers the paths that extend it). */
  constructor(private readonly prefix: readonly number[] = []) {
    this.taken = prefix.slice();
    this.counts = prefix.map(() => 0);
    this.reads = prefix.map(() => undefined);
  }

  choose(count: number, read?: string): number {
    if (this.cursor < this.taken.length) {
      if (read !== undefined && this.cursor < this.prefix.length) this.reads[this.cursor] = read;
      return this.taken[this.cursor++]!;
    }
    this.taken.push(0);
    this.counts.push(count);
    this.reads.push(read);
    this.cursor++;
    return 0;
  }

  /** The path just taken. */
  path(): { choices: readonly number[]; reads: readonly (string | undefined)[] } {
    return { choices: this.taken.slice(0, this.cursor), reads: this.reads.slice(0, this.cursor) };
  }

  /** Moves to the next path; false when every path has been taken. */
  advance(): boolean {
    this.cursor = 0;
    while (this.taken.length > this.prefix.length) {
      const last = this.taken.length - 1;
      if (this.taken[last]! + 1 < this.counts[last]!) {
        this.taken[last]!++;
        return true;
      }
      this.taken.pop();
      this.counts.pop();
      this.reads.pop();
    }
    return false;
  }
}

/** One path of a thread: its choices, the location of each choice that is a read, and how it ended. */
export interface ThreadPath {
  readonly choices: readonly number[];
  readonly reads: readonly (string | undefined)[];
  readonly trace?: ThreadTrace;
  readonly abandoned?: AbandonedPath;
}

/** A thread run with the paths behind it, in the order taken (lexicographic by choices). */
export interface RecordedThreadRun extends ThreadRun {
  readonly paths: readonly ThreadPath[];
}

/** The run made of `paths` (in order), cut at `maxTraces` traces: runThread stops at the first path after them. */
export function runOf(paths: readonly ThreadPath[], maxTraces: number): RecordedThreadRun {
  const traces: ThreadTrace[] = [];
  const abandoned: AbandonedPath[] = [];
  let truncated = false;
  let i = 0;
  for (; i < paths.length; i++) {
    if (traces.length >= maxTraces) {
      truncated = true;
      break;
    }
    const p = paths[i]!;
    if (p.trace) traces.push(p.trace);
    else if (p.abandoned!.reason !== 'unread') abandoned.push(p.abandoned!);
  }
  return { traces, abandoned, truncated, paths: paths.slice(0, i) };
}

/** runThread's order of paths: lexicographic by their choices. */
export function compareChoices(a: ThreadPath, b: ThreadPath): number {
  const n = Math.min(a.choices.length, b.choices.length);
  for (let i = 0; i < n; i++) if (a.choices[i] !== b.choices[i]) return a.choices[i]! - b.choices[i]!;
  return a.choices.length - b.choices.length;
}

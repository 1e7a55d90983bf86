// A witness told as a story a beginner can follow: the CPUs take turns, one
// event per step, each load says what it read and whose store that was. The
// order is a topological order of rf, co and po-loc (which coherence makes
// acyclic), keeping program order and "no stale reads" (fr) when it can, and
// telling a stale read before running ahead, unless a barrier rules it out.
// Where it cannot, the step says so: that is the weak behaviour to explain.
// The hidden bookkeeping of a user access through the TLB (its SRCU section
// of the hidden `tlb` domain, its read of the translation) and a flush's waits
// are told in the kernel's words, and the hidden domain orders no steps.
import { statementBuiltin } from '../program/kernel-objects.ts';
import type { Span } from '../syntax/diagnostic.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import type { Witness, WitnessEvent } from '../verdict/verdict.ts';
import { statementText } from './source-text.ts';
import { nameValue, valueNames, type ValueNames } from './value-names.ts';
import { cpuName, witnessRelations } from './witness-relations.ts';

/**
 * `ran-ahead`: the event took effect before a po-earlier event of its CPU.
 * `stale-read`: the load read a store that another store to the same
 * location, already executed, overwrites (the newer one was not yet visible).
 * `split-access`: the write of one call whose read came steps earlier
 * (ptep_clear_flush() reads the PTE at one step and clears it at a later one);
 * said in full at the first such step of a timeline, briefly after that.
 */
export type TimelineNoteKind = 'ran-ahead' | 'stale-read' | 'split-access';

export interface TimelineNote {
  readonly kind: TimelineNoteKind;
  readonly message: string;
  /** The other events the note is about (the po-earlier event; the newer store). */
  readonly events: readonly number[];
}

/** Where a load's value came from. */
export interface ReadSource {
  readonly event: number;
  /** The writing thread, -1 for the initial value. */
  readonly thread: number;
  readonly line: number;
  readonly initial: boolean;
}

/**
 * The part an event plays in a user access through the TLB (`user_write()`,
 * `user_read()`), whose expansion adds hidden bookkeeping: `enter` and `exit`
 * are the access's SRCU read-side section of the TLB's domain (the hidden
 * `tlb`), `translate` is its read of the PTE (the translation it uses), and
 * `wait` is a flush's synchronize_srcu(tlb). `ipi` is an IPI flush's
 * synchronize_rcu(), waiting for every CPU with IRQs off; `barrier` a
 * broadcast flush's smp_mb(), a full barrier that waits for nobody.
 */
export type TlbRole = 'enter' | 'translate' | 'exit' | 'wait' | 'ipi' | 'barrier';

/** One step: one CPU runs one event. */
export interface TimelineStep {
  /** 1-based. */
  readonly step: number;
  readonly event: number;
  readonly thread: number;
  /** Position of the event in its thread's program order. */
  readonly index: number;
  readonly kind: 'R' | 'W' | 'F';
  readonly loc?: string;
  readonly value?: string;
  /** The value by the kernel constant the program used for this location (`GUP_PIN_COUNTING_BIAS`), when it used one. */
  readonly named?: string;
  readonly line: number;
  readonly span: Span;
  /** The statement as written (`r0 = READ_ONCE(*y)`), or the call when the line holds more. */
  readonly statement: string;
  readonly readsFrom?: ReadSource;
  /** Set for the hidden bookkeeping of a user access through the TLB, and for a flush's waits. */
  readonly tlb?: TlbRole;
  /** One sentence: `CPU 1, line 21: r0 = READ_ONCE(*y) read 1, written by CPU 0 at line 13`. */
  readonly description: string;
  readonly notes: readonly TimelineNote[];
}

/** A witness as ordered steps, plus each CPU's steps (for swim lanes). */
export interface Timeline {
  readonly threads: readonly number[];
  readonly steps: readonly TimelineStep[];
  /** Per CPU, the step numbers it ran, in order. */
  readonly lanes: readonly { readonly thread: number; readonly steps: readonly number[] }[];
}

/**
 * The step-by-step timeline of `witness`. `source` (the test's text) lets
 * steps quote whole statements, and show values by the kernel constants the
 * program used (`names`, found in `source` when not given); without it
 * steps quote the calls and show numbers.
 * Deterministic: ties go to the CPU that ran last, then the lowest CPU.
 */
export function buildTimeline(witness: Witness, source = '', names?: ValueNames): Timeline {
  const rel = witnessRelations(witness);
  const parsed = names === undefined && source !== '' ? parseLitmus(source).ast : undefined;
  const named: ValueNames = names ?? (parsed ? valueNames(parsed) : {});
  const shown = (loc: string | undefined, value: string | undefined) => (loc !== undefined ? nameValue(named, loc, value) : undefined) ?? value ?? '?';
  const events = rel.threads.flatMap((t) => rel.byThread.get(t)!);
  const tlbRoles = tlbBookkeeping(rel);
  const hard = new Map<number, number[]>();
  const soft = new Map<number, number[]>();
  const frPreds = new Map<number, number[]>();
  const push = (m: Map<number, number[]>, k: number, v: number) => m.set(k, [...(m.get(k) ?? []), v]);
  for (const e of events) {
    hard.set(e.id, []);
    soft.set(e.id, []);
    frPreds.set(e.id, []);
  }
  // The TLB's SRCU section markers communicate through the hidden domain
  // only: what they read or overwrite there tells the story nothing, so it
  // does not order the steps (program order still does).
  const real = (id: number) => (rel.byId.get(id)?.thread ?? -1) >= 0 && !isMarker(tlbRoles.get(id));
  for (const [w, r] of witness.rf) if (real(w) && real(r)) push(hard, r, w);
  for (const [a, b] of rel.coImmediate) if (real(a) && real(b)) push(hard, b, a);
  for (const [r, w] of rel.fr) if (real(w)) push(frPreds, w, r);
  for (const t of rel.threads) {
    const list = rel.byThread.get(t)!;
    list.forEach((e, i) => {
      for (let j = 0; j < i; j++) {
        push(soft, e.id, list[j]!.id);
        if (e.loc !== undefined && list[j]!.loc === e.loc && e.kind !== 'F' && list[j]!.kind !== 'F') push(hard, e.id, list[j]!.id);
      }
    });
  }

  /**
   * Whether telling `read` as a stale read of the older value, with `write`
   * already executed, would contradict a barrier: `write` is ordered before a
   * later store of its CPU (a write barrier or full barrier between them, or
   * the later store is a release) which `read`'s CPU had already read. Such
   * stores reach every CPU in order, so the story is that the reader ran
   * ahead (chapter 2's smp_wmb() without its smp_rmb()): the order prefers it.
   */
  function staleContradictsBarrier(write: WitnessEvent, read: WitnessEvent): boolean {
    return (rel.byThread.get(read.thread) ?? []).some((earlier) => {
      if (earlier.index >= read.index || earlier.kind !== 'R') return false;
      const later = rel.byId.get(rel.source.get(earlier.id) ?? -1);
      return later !== undefined && later.thread === write.thread && later.index > write.index && barrierOrders(write, later);
    });
  }

  /**
   * Whether a barrier keeps `later` after `earlier`, two events of one CPU in
   * program order: `later` is a barrier itself, a release or a fully ordered
   * access, `earlier` an acquire or fully ordered access, or a barrier between
   * them orders their kinds (smp_mb() any, smp_wmb() two stores, smp_rmb() two
   * loads). Telling `later` as running ahead of `earlier` would contradict it.
   */
  function barrierOrders(earlier: WitnessEvent, later: WitnessEvent): boolean {
    if (later.kind === 'F' || later.tags.includes('RELEASE') || later.tags.includes('MB')) return true;
    if (earlier.tags.includes('ACQUIRE') || earlier.tags.includes('MB')) return true;
    return (rel.byThread.get(later.thread) ?? []).some((f) => f.index > earlier.index && f.index < later.index
      && (f.tags.includes('MB') || (f.kind === 'F' && (f.tags.includes('sync-rcu')
        || (f.tags.includes('wmb') && earlier.kind === 'W' && later.kind === 'W')
        || (f.tags.includes('rmb') && earlier.kind === 'R' && later.kind === 'R')))));
  }

  const done = new Set<number>();
  const order: WitnessEvent[] = [];
  let last = -1;
  while (order.length < events.length) {
    let best: WitnessEvent | undefined;
    let bestKey: readonly number[] = [];
    for (const e of events) {
      if (done.has(e.id) || !hard.get(e.id)!.every((p) => done.has(p))) continue;
      // The stories, best first: in order; a stale read; a load running
      // ahead; a store running ahead; a stale read that a barrier rules out;
      // running ahead across a barrier.
      const pendingEarlier = soft.get(e.id)!.filter((p) => !done.has(p));
      const pendingReads = frPreds.get(e.id)!.filter((p) => !done.has(p));
      const cls = pendingEarlier.length > 0 ? (pendingEarlier.some((p) => barrierOrders(rel.byId.get(p)!, e)) ? 5 : e.kind === 'R' ? 2 : 3)
        : pendingReads.length === 0 ? 0
        : pendingReads.some((r) => staleContradictsBarrier(e, rel.byId.get(r)!)) ? 4 : 1;
      const key = [cls, e.thread === last ? 0 : 1, e.thread, e.index];
      if (!best || less(key, bestKey)) {
        best = e;
        bestKey = key;
      }
    }
    // rf ∪ co ∪ po-loc is acyclic in every coherent execution; the fallback is for safety only.
    best ??= events.find((e) => !done.has(e.id))!;
    done.add(best.id);
    order.push(best);
    last = best.thread;
  }

  const stepOf = new Map<number, number>();
  order.forEach((e, i) => stepOf.set(e.id, i + 1));
  const rmw = new Set(witness.rmw.map(([r, w]) => `${r}>${w}`));
  let splitExplainedAt: number | undefined;
  const steps = order.map((e, i) => describe(e, i + 1));
  const lanes = rel.threads.map((thread) => ({ thread, steps: steps.filter((s) => s.thread === thread).map((s) => s.step) }));
  return { threads: rel.threads, steps, lanes };

  function describe(e: WitnessEvent, step: number): TimelineStep {
    const statement = statementText(source, e);
    const notes: TimelineNote[] = [];
    const role = tlbRoles.get(e.id);
    const pending = rel.byThread.get(e.thread)!.filter((p) => p.index < e.index && stepOf.get(p.id)! > step);
    if (pending.length > 0) {
      const p = pending[0]!;
      const what = e.kind === 'R' ? 'this load was satisfied' : e.kind === 'W' ? 'this store became visible' : 'this barrier ran';
      notes.push({
        kind: 'ran-ahead',
        message: `${cpuName(e.thread)} ran ahead of program order: ${what} before line ${p.line} (${statementText(source, p)}), which comes earlier in the program`,
        events: pending.map((x) => x.id),
      });
    }
    let readsFrom: ReadSource | undefined;
    let effect = '';
    if (role === 'enter') {
      effect = ` starts using its TLB entry (srcu_read_lock(${e.loc ?? 'tlb'})): a TLB flush that starts after this waits for the access to end`;
    } else if (role === 'exit') {
      effect = ` is done with its TLB entry (srcu_read_unlock(${e.loc ?? 'tlb'}))`;
    } else if (role === 'wait') {
      effect = ` waits until no access uses the old translation (synchronize_srcu(${e.loc ?? 'tlb'}))`;
    } else if (role === 'ipi') {
      effect = ' waits for every CPU with IRQs off to take the IPI (synchronize_rcu())';
    } else if (role === 'barrier') {
      effect = ' flushes by broadcast: a full barrier on this CPU (smp_mb()) that waits for no other CPU';
    } else if (e.kind === 'R') {
      const w = rel.byId.get(rel.source.get(e.id) ?? -1);
      if (w) {
        readsFrom = { event: w.id, thread: w.thread, line: w.line, initial: w.thread < 0 };
        const read = role === 'translate' ? ` translates through its TLB entry: ${e.loc ?? '?'}=${shown(e.loc, e.value)}` : ` read ${shown(e.loc, e.value)}`;
        effect = w.thread < 0 ? `${read}, the initial value`
          : w.thread === e.thread ? `${read}, its own store at line ${w.line}`
          : `${read}, written by ${cpuName(w.thread)} at line ${w.line}`;
        const newer = rel.fr.filter(([r, x]) => r === e.id && (stepOf.get(x) ?? Infinity) < step).map(([, x]) => rel.byId.get(x)!);
        if (newer.length > 0) {
          const n = newer[newer.length - 1]!;
          notes.push({
            kind: 'stale-read',
            message: role === 'translate'
              ? `${cpuName(e.thread)} used a stale translation: ${cpuName(n.thread)}'s store ${n.loc}=${shown(n.loc, n.value)} (line ${n.line}) had already executed, but ${cpuName(e.thread)}'s TLB still held the old entry`
              : `${cpuName(e.thread)} read a stale value: ${cpuName(n.thread)}'s store ${n.loc}=${shown(n.loc, n.value)} (line ${n.line}) had already executed, but was not yet visible to ${cpuName(e.thread)}`,
            events: newer.map((x) => x.id),
          });
        }
      } else {
        effect = role === 'translate' ? ` translates through its TLB entry: ${e.loc ?? '?'}=${shown(e.loc, e.value)}` : ` read ${shown(e.loc, e.value)}`;
      }
    } else if (e.kind === 'W') {
      effect = ` stored ${e.loc ?? '?'}=${shown(e.loc, e.value)}`;
      const split = splitRead(e, step);
      if (split) notes.push(split);
    }
    const name = e.loc !== undefined && !isMarker(role) ? nameValue(named, e.loc, e.value) : undefined;
    return {
      step,
      event: e.id,
      thread: e.thread,
      index: e.index,
      kind: e.kind,
      ...(e.loc !== undefined ? { loc: e.loc } : {}),
      // What a section marker reads or writes in the hidden domain means nothing.
      ...(e.value !== undefined && !isMarker(role) ? { value: e.value } : {}),
      ...(name ? { named: name } : {}),
      line: e.line,
      span: e.span,
      statement,
      ...(readsFrom ? { readsFrom } : {}),
      ...(role ? { tlb: role } : {}),
      description: `${cpuName(e.thread)}, line ${e.line}: ${statement}${effect}`,
      notes,
    };
  }

  /**
   * The note for a write whose own call read the location steps earlier,
   * when other CPUs read the old value in between (what makes one call
   * showing up twice puzzling): explained in full once per timeline.
   */
  function splitRead(e: WitnessEvent, step: number): TimelineNote | undefined {
    const read = rel.byThread.get(e.thread)!.find((r) => r.kind === 'R' && r.index < e.index && r.loc === e.loc && r.text === e.text
      && r.span.line === e.span.line && r.span.column === e.span.column);
    const readStep = read ? stepOf.get(read.id)! : undefined;
    if (!read || readStep === undefined) return undefined;
    const between = order.slice(readStep, step - 1)
      .filter((x) => x.thread !== e.thread && x.thread >= 0 && x.kind === 'R' && x.loc === e.loc && !isMarker(tlbRoles.get(x.id)));
    if (between.length === 0) return undefined;
    const call = callee(e) ?? 'this call';
    const loc = e.loc ?? '?';
    const clears = /^ptep_(get_and_clear|clear_flush)$/.test(call);
    const what = clears ? `read the PTE (${loc}) at step ${readStep} and clears it only now` : `read ${loc} at step ${readStep} and writes it only now`;
    if (splitExplainedAt !== undefined) {
      return { kind: 'split-access', events: [read.id], message: `${call}() ${what} (see step ${splitExplainedAt})` };
    }
    splitExplainedAt = step;
    const readers = [...new Set(between.map((x) => x.thread))].map(cpuName);
    const steps = between.map((x) => stepOf.get(x.id)!);
    const stillRead = `${list(readers)} still read the old ${loc} at step${steps.length > 1 ? 's' : ''} ${list(steps.map(String))}`;
    const why = rmw.has(`${read.id}>${e.id}`)
      ? `the two are one atomic read-modify-write, so no other store to ${loc} comes between them, but its write reached the other CPUs only now: ${stillRead}`
      : clears
        ? `${call === 'ptep_get_and_clear' ? 'as in the kernel\'s generic version' : 'like the kernel\'s generic ptep_get_and_clear()'}, it reads the PTE and then clears it, two separate accesses (the page-table lock keeps out other writers, not lockless readers such as GUP-fast), so ${stillRead}`
        : `its read and its write are two separate accesses, so ${stillRead}`;
    return { kind: 'split-access', events: [read.id, ...between.map((x) => x.id)], message: `${call}() ${what}: ${why}` };
  }
}

/** The builtins that flush the TLBs: each has a synchronize_rcu() under IPIs, an smp_mb() under broadcast. */
const flushes = new Set(['flush_tlb_page', 'flush_tlb_range', 'ptep_clear_flush', 'pmdp_invalidate']);

/** The TLB section markers (srcu_read_lock/unlock of the hidden domain), whose values are bookkeeping. */
function isMarker(role: TlbRole | undefined): boolean {
  return role === 'enter' || role === 'exit';
}

/** The builtin call an event came from: its text is the call as written (`user_write(ptep, page, 1)`). */
function callee(e: WitnessEvent): string | undefined {
  return /^\s*([A-Za-z_]\w*)\s*\(/.exec(e.text)?.[1];
}

/**
 * The events that are a user access's hidden TLB bookkeeping, with their
 * role. The TLB's domain is the one the accesses' srcu_read_lock() uses
 * (`tlb`, or `tlb1` when the program has a `tlb`); a synchronize_srcu() of
 * it is a flush waiting for them. The translation is the read that follows
 * the srcu_read_lock() in the same access.
 */
function tlbBookkeeping(rel: ReturnType<typeof witnessRelations>): Map<number, TlbRole> {
  const roles = new Map<number, TlbRole>();
  const throughTlb = (e: WitnessEvent) => {
    const name = callee(e);
    return name !== undefined && statementBuiltin(name)?.throughTlb === true;
  };
  const domains = new Set<string>();
  for (const t of rel.threads) {
    const list = rel.byThread.get(t)!;
    list.forEach((e, i) => {
      if (e.loc === undefined || !throughTlb(e)) return;
      if (e.tags.includes('srcu-lock')) {
        domains.add(e.loc);
        roles.set(e.id, 'enter');
        const next = list[i + 1];
        if (next && next.kind === 'R' && next.text === e.text && !next.tags.includes('srcu-lock')) roles.set(next.id, 'translate');
      } else if (e.tags.includes('srcu-unlock')) {
        roles.set(e.id, 'exit');
      }
    });
  }
  for (const e of rel.witness.events) {
    if (e.kind === 'F' && e.loc !== undefined && domains.has(e.loc) && e.tags.includes('sync-srcu')) roles.set(e.id, 'wait');
    if (e.kind === 'F' && e.tags.includes('sync-rcu') && flushes.has(callee(e) ?? '')) roles.set(e.id, 'ipi');
    if (e.kind === 'F' && e.tags.includes('MB') && flushes.has(callee(e) ?? '')) roles.set(e.id, 'barrier');
  }
  return roles;
}

/** `a, b and c`. */
function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function less(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/**
 * The timeline as text for a terminal: one numbered line per step, each
 * indented under its CPU's lane, and its notes beneath it.
 */
export function formatTimeline(timeline: Timeline): string {
  const lines: string[] = [];
  const width = String(timeline.steps.length).length;
  lines.push(`Timeline (${timeline.threads.map(cpuName).join(', ')}):`);
  for (const s of timeline.steps) {
    lines.push(`  ${String(s.step).padStart(width)}. ${s.description}`);
    for (const n of s.notes) lines.push(`  ${' '.repeat(width)}   ! ${n.message}`);
  }
  return `${lines.join('\n')}\n`;
}

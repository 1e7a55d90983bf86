// C11 atomics as herd7 reads them under the LKMM: what lowering refuses (where
// herd7 refuses too) and says, and the events the calls make. The verdicts on
// whole tests are checked against herd7 in corpus/lkmm/c11.
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { lower } from './lower.ts';
import { runThread } from './thread-run.ts';

const test = (body: string, init = '[x] = 0; [y] = 0;', other = '') =>
  `C T\n{ ${init} }\n\nP0(atomic_int *x, atomic_int *y)\n{\n${body}\n}\n${other}\nexists (0:r0=0)\n`;

const diagnostics = (source: string) =>
  runLitmus(source).diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.severity} ${d.code}`);

const errors = (source: string) =>
  runLitmus(source).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.line}:${d.span.column} ${d.code}`);

describe('C11 calls', () => {
  it('takes the six memory orders, and says once what the LKMM makes of C11 accesses and fences', () => {
    const orders = ['relaxed', 'consume', 'acquire', 'release', 'acq_rel', 'seq_cst'];
    const body = orders.map((o, i) => `\tint r${i} = atomic_load_explicit(x, memory_order_${o});\n\tatomic_thread_fence(memory_order_${o});`).join('\n');
    expect(diagnostics(test(body))).toEqual(['6:11 warning lower/c11-plain', '7:2 warning lower/c11-fence']);
  });

  it('refuses an argument that is not a memory order, and a memory order anywhere else', () => {
    expect(errors(test('\tint r0 = atomic_load_explicit(x, 1);'))).toEqual(['6:35 lower/memory-order']);
    expect(errors(test('\tint r0 = atomic_load_explicit(x, memory_order_weak);'))).toEqual(['6:35 lower/memory-order']);
    expect(errors(test('\tint r0 = memory_order_relaxed;'))).toEqual(['6:11 lower/memory-order']);
    expect(errors(test('\tatomic_store_explicit(x, memory_order_release, memory_order_release);'))).toEqual(['6:27 lower/memory-order']);
  });

  it('takes atomic_store_explicit and atomic_thread_fence only as statements, as herd7\'s grammar does', () => {
    expect(errors(test('\tint r0 = atomic_store_explicit(x, 1, memory_order_relaxed);'))).toEqual(['6:11 lower/statement-only']);
    expect(errors(test('\tint r0 = 1 + atomic_thread_fence(memory_order_seq_cst);'))).toEqual(['6:15 lower/statement-only']);
    expect(errors(test('\tint r0 = 0;\n\tif (r0 == 0) atomic_store_explicit(x, 1, memory_order_relaxed);'))).toEqual([]);
  });

  it('refuses the calls herd7 knows only with _explicit, saying what to write', () => {
    const result = runLitmus(test('\tint r0 = atomic_load(x);\n\tatomic_store(y, 1);'));
    const refused = result.diagnostics.filter((d) => d.severity === 'error');
    expect(refused.map((d) => `${d.span.line}:${d.span.column} ${d.code}`)).toEqual(['6:11 lower/unknown-primitive', '7:2 lower/unknown-primitive']);
    expect(refused[0]?.hint).toBe('herd7 knows only the _explicit form: atomic_load_explicit(x, memory_order_seq_cst)');
    expect(result.verdict).toBeUndefined();
  });

  it('checks the arity with the memory orders counted', () => {
    expect(errors(test('\tint r0 = atomic_compare_exchange_strong_explicit(x, y, 1, memory_order_relaxed);'))).toEqual(['6:11 lower/arity']);
    // Without _explicit there is no place for an order: each one is refused as well.
    expect(errors(test('\tint r0 = atomic_compare_exchange_strong(x, y, 1, memory_order_relaxed, memory_order_relaxed);')))
      .toEqual(['6:11 lower/arity', '6:51 lower/memory-order', '6:73 lower/memory-order']);
  });

  it('refuses in the init block what herd7 cannot read there', () => {
    expect(errors(test('\tint r0 = 0;', 'atomic_int x = 1;'))).toEqual(['2:3 lower/init-type']);
    expect(errors(test('\tint r0 = 0;', 'volatile int x = 1;'))).toEqual(['2:3 lower/init-type']);
    expect(errors(test('\tint r0 = 0;', '_Atomic int *p = x;'))).toEqual(['2:3 lower/init-type']);
    expect(errors(test('\tint r0 = 0;', '_Atomic int x = 1; atomic_int *p = x; [y] = 2;'))).toEqual([]);
  });

  it('takes a weak compare-exchange, with or without _explicit, and says a success leaves no execution', () => {
    expect(diagnostics(test('\tint r0 = atomic_compare_exchange_weak(x, y, 1);'))).toEqual(['6:11 warning lower/c11-rmw']);
    expect(errors(test('\tint r0 = atomic_compare_exchange_weak_explicit(x, y, 1, memory_order_relaxed, memory_order_seq_cst);'))).toEqual([]);
  });

  it('points at what is wrong in a malformed weak compare-exchange', () => {
    expect(errors(test('\tint r0 = atomic_compare_exchange_weak(x, y);'))).toEqual(['6:11 lower/arity']);
    expect(errors(test('\tint r0 = atomic_compare_exchange_weak_explicit(x, y, 1, memory_order_relaxed);'))).toEqual(['6:11 lower/arity']);
    expect(errors(test('\tint r0 = atomic_compare_exchange_weak_explicit(x, y, 1, memory_order_relaxed, 2);'))).toEqual(['6:80 lower/memory-order']);
    expect(errors(test('\tint r0 = atomic_compare_exchange_weak(x, y, memory_order_relaxed);'))).toEqual(['6:46 lower/memory-order']);
    const missing = parseLitmus(test('\tint r0 = atomic_compare_exchange_weak(x, y, 1;')).diagnostics.filter((d) => d.severity === 'error');
    expect(missing.map((d) => `${d.span.line}:${d.span.column} ${d.code}`)).toEqual(['6:47 syntax/unexpected-token']);
  });

  it('says that a read-modify-write leaves no execution', () => {
    const result = runLitmus(test('\tint r0 = atomic_exchange_explicit(x, 1, memory_order_seq_cst);'));
    expect(result.diagnostics.map((d) => d.code)).toEqual(['lower/c11-rmw']);
    expect(result.verdict?.states).toEqual([]);
  });
});

describe('C11 events', () => {
  const traces = (body: string) => {
    const source = test(body);
    const { program } = lower(parseLitmus(source).ast!, source);
    return runThread(program!.threads[0]!, { domain: () => [0, 1], unroll: 2, maxTraces: 100, textOf: () => '' });
  };

  it('makes untagged (plain) reads and writes, and an untagged fence', () => {
    const { traces: [trace] } = traces('\tint r0 = atomic_load_explicit(x, memory_order_acquire);\n\tatomic_thread_fence(memory_order_seq_cst);\n\tatomic_store_explicit(y, r0, memory_order_release);');
    expect(trace?.events.map((e) => `${e.kind} ${e.loc ?? ''} [${e.tags.join(',')}] ${e.rmw}`)).toEqual(['R x [] false', 'F  [] false', 'W y [] false']);
    expect(trace?.data).toEqual([[0, 2]]);
  });

  it('drops every path through a read-modify-write, keeping the others', () => {
    const run = traces('\tint r0 = atomic_load_explicit(x, memory_order_relaxed);\n\tif (r0 == 1) {\n\t\tint r1 = atomic_fetch_add_explicit(y, 1, memory_order_relaxed);\n\t}');
    expect(run.traces.map((t) => t.registers.get('r0'))).toEqual([0]);
    expect(run.abandoned.map((a) => a.reason)).toEqual(['incoherent']);
  });

  it('keeps a strong compare-exchange\'s failures on a different value', () => {
    const run = traces('\tint r0 = atomic_compare_exchange_strong_explicit(x, y, 5, memory_order_acq_rel, memory_order_acquire);');
    // Reads the expected location y, then the object x, and writes x's value to y.
    expect(run.traces.map((t) => t.events.map((e) => `${e.kind}${e.loc}=${String(e.value)}`).join(' '))).toEqual(['Ry=0 Rx=1 Wy=1', 'Ry=1 Rx=0 Wy=0']);
    expect(run.traces.map((t) => t.registers.get('r0'))).toEqual([0, 0]);
    // The successes (one event herd7 makes both a read and a write) and the equal values end there.
    expect(run.abandoned.map((a) => a.reason)).toEqual(['incoherent', 'incoherent', 'incoherent', 'incoherent']);
  });

  it('keeps a weak compare-exchange\'s failures whatever it reads', () => {
    const run = traces('\tint r0 = atomic_compare_exchange_weak_explicit(x, y, 5, memory_order_acq_rel, memory_order_acquire);');
    // Equal values too: herd7 lets a weak one fail spuriously, with no constraint.
    expect(run.traces.map((t) => t.events.map((e) => `${e.kind}${e.loc}=${String(e.value)}`).join(' '))).toEqual(['Ry=0 Rx=0 Wy=0', 'Ry=0 Rx=1 Wy=1', 'Ry=1 Rx=0 Wy=0', 'Ry=1 Rx=1 Wy=1']);
    expect(run.traces.map((t) => t.registers.get('r0'))).toEqual([0, 0, 0, 0]);
    // The write to y copies x's value: a data dependency from the read of x.
    expect(run.traces.map((t) => t.data)).toEqual([[[1, 2]], [[1, 2]], [[1, 2]], [[1, 2]]]);
    expect(run.abandoned.map((a) => a.reason)).toEqual(['incoherent', 'incoherent']);
  });
});

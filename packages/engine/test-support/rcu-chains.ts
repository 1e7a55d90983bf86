// RCU chains: N threads around a cycle of locations x0 -> x1 -> ... -> x0.
// Thread i reads x_i and then writes x_{i+1}, and its link says what lies
// between the two: an RCU read-side critical section around both (`rl`), a
// grace period (`sync`), a full barrier (`mb`) or nothing (`po`). The
// condition asks whether every read sees the write before it, closing the
// cycle. The RCU guarantee (linux-kernel.cat's rcu axiom) forbids it when the
// grace periods are at least as many as the critical sections and nothing
// else breaks the cycle; the kernel's own RCU litmus tests are of this kind,
// with 2 to 8 threads. Long chains are hard for exhaustive tools: every
// thread has two traces (its read sees 0 or 1), so 2^N combinations.

/** What lies between a thread's read and its write. */
export type ChainLink = 'rl' | 'sync' | 'mb' | 'po';

/** The test's name, herd7 style: `RCU-LB10+rl+sync+...`. */
export function chainName(links: readonly ChainLink[]): string {
  return `RCU-LB${links.length}+${links.join('+')}`;
}

/** The litmus test of an RCU chain with these links, one per thread (at least 2). */
export function rcuChain(links: readonly ChainLink[]): string {
  if (links.length < 2) throw new RangeError('an RCU chain needs at least two threads');
  const n = links.length;
  const x = (i: number) => `x${i % n}`;
  const threads = links.map((link, i) => {
    const params = [x(i), x(i + 1)].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    const body = {
      rl: [`rcu_read_lock();`, `r0 = READ_ONCE(*${x(i)});`, `WRITE_ONCE(*${x(i + 1)}, 1);`, `rcu_read_unlock();`],
      sync: [`r0 = READ_ONCE(*${x(i)});`, `synchronize_rcu();`, `WRITE_ONCE(*${x(i + 1)}, 1);`],
      mb: [`r0 = READ_ONCE(*${x(i)});`, `smp_mb();`, `WRITE_ONCE(*${x(i + 1)}, 1);`],
      po: [`r0 = READ_ONCE(*${x(i)});`, `WRITE_ONCE(*${x(i + 1)}, 1);`],
    }[link];
    return [`P${i}(${params.map((p) => `int *${p}`).join(', ')})`, '{', '\tint r0;', '', ...body.map((s) => `\t${s}`), '}'].join('\n');
  });
  const condition = links.map((_, i) => `${i}:r0=1`).join(' /\\ ');
  return [`C ${chainName(links)}`, '', '{', '}', '', threads.join('\n\n'), '', `exists (${condition})`, ''].join('\n');
}

/**
 * Whether the LKMM forbids the cycle: with no `po` link, it is forbidden when
 * its grace periods are at least as many as its critical sections (each
 * `mb` is a strong fence, neutral in that count). A `po` link leaves a read
 * and a write unordered, which allows the cycle when no grace period spans it.
 */
export function chainForbidden(links: readonly ChainLink[]): boolean {
  if (links.includes('po')) return false;
  const count = (k: ChainLink) => links.filter((l) => l === k).length;
  return count('sync') >= count('rl');
}

/** Alternating critical sections and grace periods: `rl, sync, rl, sync, ...` (N threads). */
export function alternatingChain(threads: number, first: ChainLink = 'rl'): ChainLink[] {
  const second: ChainLink = first === 'rl' ? 'sync' : 'rl';
  return Array.from({ length: threads }, (_, i) => (i % 2 === 0 ? first : second));
}

// A deterministic generator of kernel-litmus-size tests (2–4 threads, mostly
// 2, 2–3 locations, up to 3 statements a thread, as in the kernel's own
// litmus tests) for benchmarks: the same seed gives the same corpus everywhere.

/** A small seeded generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const locations = ['x', 'y', 'z'];
const fences = ['smp_mb();', 'smp_rmb();', 'smp_wmb();', 'smp_mb__after_atomic();', 'synchronize_rcu();'];

/** The text of synthetic test number `index` of the corpus with `seed`. */
export function syntheticTest(seed: number, index: number): string {
  const random = seeded(seed * 1_000_003 + index);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const roll = random();
  const threads = roll < 0.5 ? 2 : roll < 0.8 ? 3 : 4;
  const locs = locations.slice(0, 2 + Math.floor(random() * 2));
  const body: string[] = [];
  const atoms: string[] = [];
  for (let t = 0; t < threads; t++) {
    const lines: string[] = [];
    let reg = 0;
    const statements = 1 + Math.floor(random() * 3);
    let reader = false;
    for (let s = 0; s < statements; s++) {
      const loc = pick(locs);
      const roll = random();
      if (roll < 0.3) {
        lines.push(`\tr${reg} = ${random() < 0.5 ? `READ_ONCE(*${loc})` : `smp_load_acquire(${loc})`};`);
        atoms.push(`${t}:r${reg}=${Math.floor(random() * 2)}`);
        reg++;
        reader = true;
      } else if (roll < 0.6) {
        const value = 1 + Math.floor(random() * 2);
        lines.push(pick([`\tWRITE_ONCE(*${loc}, ${value});`, `\tsmp_store_release(${loc}, ${value});`]));
      } else if (roll < 0.75) {
        lines.push(`\t${pick(fences)}`);
      } else if (roll < 0.85) {
        lines.push(`\tr${reg} = xchg${pick(['', '_relaxed', '_acquire'])}(${loc}, ${1 + Math.floor(random() * 2)});`);
        reg++;
        reader = true;
      } else if (roll < 0.92 && reader && reg > 0) {
        lines.push(`\tif (r${reg - 1} == 1)\n\t\tWRITE_ONCE(*${loc}, 2);`);
      } else {
        lines.push(`\trcu_read_lock();\n\tr${reg} = READ_ONCE(*${loc});\n\trcu_read_unlock();`);
        atoms.push(`${t}:r${reg}=0`);
        reg++;
      }
    }
    const decls = Array.from({ length: reg }, (_, i) => `\tint r${i};`).join('\n');
    const params = locs.map((l) => `int *${l}`).join(', ');
    body.push(`P${t}(${params})\n{\n${decls}${decls ? '\n\n' : ''}${lines.join('\n')}\n}`);
  }
  const condition = atoms.length > 0 ? atoms.slice(0, 3).join(' /\\ ') : `${locs[0]}=1`;
  return `C synthetic-${seed}-${index}\n\n{\n}\n\n${body.join('\n\n')}\n\nexists (${condition})\n`;
}

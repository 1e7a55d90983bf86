/** One chapter of the course: its number, a URL-safe slug and its title. */
export interface Chapter {
  readonly number: number;
  readonly slug: string;
  readonly title: string;
  /** What a learner can do after the chapter, in one sentence. */
  readonly goal: string;
}

/**
 * The course, from a lost update to the patch it is built on
 * ("mm: fix PageAnonExclusive clearing racing with concurrent RCU GUP-fast").
 * Exercises name their chapter by `number`; the site builds its sidebar from this.
 */
export const courseOutline: readonly Chapter[] = [
  { number: 1, slug: 'interleavings', title: 'Interleavings', goal: 'Play the scheduler and find the interleaving that loses an update.' },
  { number: 2, slug: 'message-passing', title: 'Message passing', goal: 'Publish data behind a flag with smp_wmb()/smp_rmb() or release/acquire.' },
  { number: 3, slug: 'store-buffering', title: 'Store buffering', goal: 'See why two CPUs can miss each other\'s stores, on x86 too, and why only a full smp_mb() on both sides stops it.' },
  { number: 4, slug: 'dependencies', title: 'Dependencies and load buffering', goal: 'Use address, data and control dependencies, and know their limits.' },
  { number: 5, slug: 'atomics', title: 'Atomics', goal: 'Tell value-returning from non-value-returning atomics, and order the latter.' },
  { number: 6, slug: 'pairing', title: 'Pairing', goal: 'Find the partner of every barrier, as the kernel\'s "Paired with" comments do.' },
  { number: 7, slug: 'pages-and-pins', title: 'Pages, refcounts and pins', goal: 'Explain why a pin on a possibly shared anonymous page corrupts memory.' },
  { number: 8, slug: 'tlbs', title: 'Page tables, TLBs and shootdowns', goal: 'Reason about stale translations, IPI flushes and broadcast flushes.' },
  { number: 9, slug: 'gup-fast', title: 'GUP-fast', goal: 'Walk page tables locklessly with IRQs off, and see when an IPI flush suffices.' },
  { number: 10, slug: 'rcu', title: 'RCU', goal: 'Use grace periods against readers, and RCU-freed page tables against GUP-fast.' },
  { number: 11, slug: 'patch-ksm', title: 'The patch, part 1: KSM', goal: 'Find the barrier KSM was missing when the PTE changes (after the pin), and see why the race was so hard to hit.' },
  { number: 12, slug: 'patch-no-pte-change', title: 'The patch, part 2: no PTE change', goal: 'See why a writable PTE always changes, and place the smp_rmb() in gup_must_unshare() and its partner.' },
  { number: 13, slug: 'patch-migration', title: 'The patch, part 3: migration and unmap', goal: 'Clear (or invalidate) first, and drop the flush that never synchronised with RCU GUP-fast.' },
  { number: 14, slug: 'capstone', title: 'Capstone', goal: 'Every barrier site of the patch together, both cases.' },
];

/** The chapter with `number`, or undefined. */
export function chapter(number: number): Chapter | undefined {
  return courseOutline.find((c) => c.number === number);
}

// What the boxes of the engine's execution graph say, in words: the engine
// labels an event herd7's way (`W[once] x=1`, `F[mb]`, `R[acquire] flag=1`,
// `LKW l`), and a beginner cannot read the letters or the word in brackets.
// The legend names only what the graph at hand shows, so it stays short.

/** The event kinds a label starts with, in the order the legend names them. */
const kindWords: readonly (readonly [kind: string, words: string])[] = [
  ['R', 'R a read'],
  ['W', 'W a write'],
  ['F', 'F a barrier (a fence)'],
  ['LKR', 'LKR and LKW the read and write of taking a lock (spin_lock())'],
  ['LKW', 'LKR and LKW the read and write of taking a lock (spin_lock())'],
  ['UL', 'UL spin_unlock()'],
  ['LF', 'LF a spin_trylock() that failed'],
  ['RL', 'RL and RU spin_is_locked() saying locked or unlocked'],
  ['RU', 'RL and RU spin_is_locked() saying locked or unlocked'],
];

/**
 * The annotations the engine puts in brackets (lower case, as the label
 * shows them), each with the kernel calls that carry it. The LKMM's
 * primitive table (linux-kernel.def) gives each call its annotation.
 */
const annotationWords: Readonly<Record<string, string>> = {
  once: 'READ_ONCE(), WRITE_ONCE(), atomic_read() or a _relaxed atomic: one whole access, ordering nothing by itself',
  acquire: 'smp_load_acquire() or an _acquire atomic: what comes after it in the code stays after it',
  release: 'smp_store_release() or a _release atomic: what comes before it in the code stays before it',
  mb: 'smp_mb(), or an atomic that returns a value (xchg(), atomic_inc_return()): a full barrier',
  noreturn: 'an atomic that returns nothing (atomic_inc()): ordering nothing by itself',
  wmb: 'smp_wmb(): earlier writes before later writes',
  rmb: 'smp_rmb(): earlier reads before later reads',
  barrier: 'barrier(): the compiler only, no CPU ordering',
  'rcu-lock': 'rcu_read_lock()',
  'rcu-unlock': 'rcu_read_unlock()',
  'sync-rcu': 'synchronize_rcu()',
  'srcu-lock': 'srcu_read_lock()',
  'srcu-unlock': 'srcu_read_unlock()',
  'sync-srcu': 'synchronize_srcu()',
  'before-atomic': 'smp_mb__before_atomic()',
  'after-atomic': 'smp_mb__after_atomic()',
  'after-spinlock': 'smp_mb__after_spinlock()',
  'after-unlock-lock': 'smp_mb__after_unlock_lock()',
  'after-srcu-read-unlock': 'smp_mb__after_srcu_read_unlock()',
};

/** A label's kind (`W`), its bracketed annotations (`['once']`), and whether it is a starting value. */
function parseLabel(label: string): { kind?: string; annotations: readonly string[]; plain: boolean; init: boolean } {
  if (/\(init\)\s*$/.test(label)) return { annotations: [], plain: false, init: true };
  const match = /^([A-Z]+)(?:\[([^\]]*)\])?/.exec(label.trim());
  if (!match) return { annotations: [], plain: false, init: false };
  const annotations = match[2] ? match[2].split(',').map((a) => a.trim()).filter(Boolean) : [];
  // A read or write without brackets is a plain C access (`x = 1`, `r0 = x`).
  return { kind: match[1], annotations, plain: annotations.length === 0 && (match[1] === 'R' || match[1] === 'W'), init: false };
}

/**
 * The legend of a graph whose boxes carry `labels` (the engine's event
 * labels): what its letters and bracketed words mean, naming only those the
 * graph shows; empty when there are no labels.
 */
export function graphLegend(labels: readonly string[]): string {
  const parsed = labels.map(parseLabel);
  const kinds = new Set(parsed.map((p) => p.kind).filter((k): k is string => k !== undefined));
  const kindParts = [...new Set(kindWords.filter(([kind]) => kinds.has(kind)).map(([, words]) => words))];
  const annotations = new Set(parsed.flatMap((p) => p.annotations));
  const known = Object.keys(annotationWords).filter((a) => annotations.has(a));
  const unknown = [...annotations].filter((a) => !(a in annotationWords)).sort();
  const sentences: string[] = [];
  if (kindParts.length > 0) sentences.push(`A box's first letters say what ran: ${kindParts.join(', ')}.`);
  if (known.length + unknown.length > 0) {
    const parts = [...known.map((a) => `[${a}] is ${annotationWords[a]}`), ...unknown.map((a) => `[${a}] is the model's own name for it`)];
    sentences.push(`The word in brackets says how the code wrote it: ${parts.join('; ')}.`);
  }
  if (parsed.some((p) => p.plain)) sentences.push('A read or write with no brackets is a plain C access (x = 1, r0 = x).');
  if (parsed.some((p) => p.init)) sentences.push('A box marked (init) is a variable\'s starting value.');
  return sentences.join(' ');
}

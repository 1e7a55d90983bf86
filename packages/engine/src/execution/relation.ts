// Binary relations and sets over the events of one execution, as bit matrices.
// Events are numbered 0..n-1; a relation is n rows of ⌈n/32⌉ words. Every
// operation returns a new value: models read like the .cat text they mirror
// (`seq(po, rel(fence), po)`), and nothing is shared by accident.

// Small typed arrays each with their own backing store are slow to allocate
// and to collect, and so are views into a shared one (a view is an object
// as large as a small relation): relations are carved out of shared slabs
// and address their words as (slab, base). A slab is freed when no relation
// uses it any more; a slab is never reused, so a fresh region reads as zeros.
const slabWords = 16_384;
let slab = new Uint32Array(slabWords);
let slabUsed = 0;

/** The slab a new value of `length` words goes to (then `reserved` is its base). */
function slabFor(length: number): Uint32Array {
  if (length > slabWords / 4) {
    reserved = 0;
    return new Uint32Array(length);
  }
  if (slabUsed + length > slabWords) {
    slab = new Uint32Array(slabWords);
    slabUsed = 0;
  }
  reserved = slabUsed;
  slabUsed += length;
  return slab;
}
/** The base of the words slabFor gave last. */
let reserved = 0;

/** A set of events: one bit per event. */
export class EventSet {
  /** The words of the set: `bits[base]` to `bits[base + ⌈n/32⌉ - 1]` (bits is shared with other values). */
  readonly bits: Uint32Array;
  readonly base: number;

  /** The empty set over `n` events. */
  constructor(readonly n: number) {
    this.bits = slabFor(words(n));
    this.base = reserved;
  }

  static of(n: number, members: Iterable<number>): EventSet {
    const s = new EventSet(n);
    const bits = s.bits;
    const base = s.base;
    if (Array.isArray(members)) {
      for (let i = 0; i < members.length; i++) {
        const e = members[i] as number;
        bits[base + (e >>> 5)]! |= 1 << (e & 31);
      }
    } else {
      for (const e of members) bits[base + (e >>> 5)]! |= 1 << (e & 31);
    }
    return s;
  }

  static all(n: number): EventSet {
    const s = new EventSet(n);
    fillAll(s.bits, s.base, n);
    return s;
  }

  has(e: number): boolean {
    return ((this.bits[this.base + (e >>> 5)]! >>> (e & 31)) & 1) === 1;
  }

  add(e: number): void {
    this.bits[this.base + (e >>> 5)]! |= 1 << (e & 31);
  }

  /** A copy of this set. */
  private clone(): EventSet {
    const out = new EventSet(this.n);
    copyWords(this.bits, this.base, out.bits, out.base, words(this.n));
    return out;
  }

  union(...others: EventSet[]): EventSet {
    const out = this.clone();
    const { bits, base } = out;
    const w = words(this.n);
    for (let k = 0; k < others.length; k++) {
      const o = others[k]!;
      const ob = o.bits;
      const obase = o.base;
      for (let i = 0; i < w; i++) bits[base + i]! |= ob[obase + i]!;
    }
    return out;
  }

  inter(other: EventSet): EventSet {
    const out = new EventSet(this.n);
    const { bits, base } = out;
    const w = words(this.n);
    const a = this.bits;
    const abase = this.base;
    const o = other.bits;
    const obase = other.base;
    for (let i = 0; i < w; i++) bits[base + i] = a[abase + i]! & o[obase + i]!;
    return out;
  }

  minus(other: EventSet): EventSet {
    const out = new EventSet(this.n);
    const { bits, base } = out;
    const w = words(this.n);
    const a = this.bits;
    const abase = this.base;
    const o = other.bits;
    const obase = other.base;
    for (let i = 0; i < w; i++) bits[base + i] = a[abase + i]! & ~o[obase + i]!;
    return out;
  }

  complement(): EventSet {
    const out = new EventSet(this.n);
    fillAll(out.bits, out.base, this.n);
    const { bits, base } = out;
    const w = words(this.n);
    for (let i = 0; i < w; i++) bits[base + i]! &= ~this.bits[this.base + i]!;
    return out;
  }

  isEmpty(): boolean {
    const { bits, base } = this;
    const w = words(this.n);
    for (let i = 0; i < w; i++) if (bits[base + i] !== 0) return false;
    return true;
  }

  /** Calls `f` with each member, in increasing order (no iterator objects). */
  forEach(f: (e: number) => void): void {
    const { bits, base } = this;
    const w = words(this.n);
    for (let i = 0; i < w; i++) {
      let word = bits[base + i]!;
      while (word !== 0) {
        const low = word & -word;
        f(i * 32 + (31 - Math.clz32(low)));
        word ^= low;
      }
    }
  }

  /** How many members. */
  size(): number {
    let count = 0;
    const { bits, base } = this;
    const w = words(this.n);
    for (let i = 0; i < w; i++) count += popcount(bits[base + i]!);
    return count;
  }

  *[Symbol.iterator](): IterableIterator<number> {
    const w = words(this.n);
    for (let i = 0; i < w; i++) {
      let word = this.bits[this.base + i]!;
      while (word !== 0) {
        const low = word & -word;
        yield i * 32 + (31 - Math.clz32(low));
        word ^= low;
      }
    }
  }

  toArray(): number[] {
    const out: number[] = [];
    this.forEach((e) => out.push(e));
    return out;
  }
}

/** A binary relation on events. */
export class Relation {
  /** Words per row. */
  readonly w: number;
  /** The rows: row `a` is `bits[base + a * w]` to `bits[base + a * w + w - 1]` (bits is shared with other values). */
  readonly bits: Uint32Array;
  readonly base: number;

  /** The empty relation over `n` events, or one whose rows are `own` (n rows of ⌈n/32⌉ words, not shared). */
  constructor(readonly n: number, own?: Uint32Array) {
    const w = words(n);
    this.w = w;
    if (own === undefined) {
      this.bits = slabFor(n * w);
      this.base = reserved;
    } else {
      this.bits = own;
      this.base = 0;
    }
  }

  static empty(n: number): Relation {
    return new Relation(n);
  }

  static fromPairs(n: number, pairs: Iterable<readonly [number, number]>): Relation {
    const r = new Relation(n);
    for (const [a, b] of pairs) r.add(a, b);
    return r;
  }

  /** `[S]`: the identity restricted to S. */
  static id(s: EventSet): Relation {
    const r = new Relation(s.n);
    const w = r.w;
    const bits = s.bits;
    const sbase = s.base;
    const out = r.bits;
    const base = r.base;
    for (let i = 0; i < w; i++) {
      let word = bits[sbase + i]!;
      while (word !== 0) {
        const low = word & -word;
        const e = i * 32 + (31 - Math.clz32(low));
        out[base + e * w + i] = low;
        word ^= low;
      }
    }
    return r;
  }

  /** `S1 * S2`: every pair from S1 to S2. */
  static product(a: EventSet, b: EventSet): Relation {
    const r = new Relation(a.n);
    const w = r.w;
    const out = r.bits;
    const base = r.base;
    const row = b.bits;
    const rowBase = b.base;
    const bits = a.bits;
    const abase = a.base;
    for (let i = 0; i < w; i++) {
      let word = bits[abase + i]!;
      while (word !== 0) {
        const low = word & -word;
        const e = i * 32 + (31 - Math.clz32(low));
        for (let j = 0; j < w; j++) out[base + e * w + j] = row[rowBase + j]!;
        word ^= low;
      }
    }
    return r;
  }

  has(a: number, b: number): boolean {
    return ((this.bits[this.base + a * this.w + (b >>> 5)]! >>> (b & 31)) & 1) === 1;
  }

  add(a: number, b: number): void {
    this.bits[this.base + a * this.w + (b >>> 5)]! |= 1 << (b & 31);
  }

  delete(a: number, b: number): void {
    this.bits[this.base + a * this.w + (b >>> 5)]! &= ~(1 << (b & 31));
  }

  clone(): Relation {
    const out = new Relation(this.n);
    copyWords(this.bits, this.base, out.bits, out.base, this.n * this.w);
    return out;
  }

  /** A copy with a buffer of its own, for relations kept long: a relation in a shared slab keeps the whole slab alive. */
  compact(): Relation {
    return new Relation(this.n, this.bits.slice(this.base, this.base + this.n * this.w));
  }

  union(...others: Relation[]): Relation {
    const out = this.clone();
    const { bits, base } = out;
    const size = this.n * this.w;
    for (let k = 0; k < others.length; k++) {
      const o = others[k]!;
      const ob = o.bits;
      const obase = o.base;
      for (let i = 0; i < size; i++) bits[base + i]! |= ob[obase + i]!;
    }
    return out;
  }

  inter(...others: Relation[]): Relation {
    const out = this.clone();
    const { bits, base } = out;
    const size = this.n * this.w;
    for (let k = 0; k < others.length; k++) {
      const o = others[k]!;
      const ob = o.bits;
      const obase = o.base;
      for (let i = 0; i < size; i++) bits[base + i]! &= ob[obase + i]!;
    }
    return out;
  }

  minus(...others: Relation[]): Relation {
    const out = this.clone();
    const { bits, base } = out;
    const size = this.n * this.w;
    for (let k = 0; k < others.length; k++) {
      const o = others[k]!;
      const ob = o.bits;
      const obase = o.base;
      for (let i = 0; i < size; i++) bits[base + i]! &= ~ob[obase + i]!;
    }
    return out;
  }

  /** `r ; s`: a then b. */
  seq(other: Relation): Relation {
    const { n, w } = this;
    const out = new Relation(n);
    const a = this.bits;
    const abase = this.base;
    const b = other.bits;
    const bbase = other.base;
    const o = out.bits;
    const obase = out.base;
    if (w === 1) {
      for (let i = 0; i < n; i++) {
        let word = a[abase + i]!;
        let acc = 0;
        while (word !== 0) {
          const low = word & -word;
          acc |= b[bbase + 31 - Math.clz32(low)]!;
          word ^= low;
        }
        o[obase + i] = acc;
      }
      return out;
    }
    for (let r = 0; r < n; r++) {
      const row = r * w;
      for (let k = 0; k < w; k++) {
        let word = a[abase + row + k]!;
        while (word !== 0) {
          const low = word & -word;
          const mid = k * 32 + (31 - Math.clz32(low));
          word ^= low;
          const mrow = bbase + mid * w;
          for (let j = 0; j < w; j++) o[obase + row + j]! |= b[mrow + j]!;
        }
      }
    }
    return out;
  }

  inverse(): Relation {
    const { n, w, bits, base } = this;
    const out = new Relation(n);
    const o = out.bits;
    const obase = out.base;
    for (let a = 0; a < n; a++) {
      const aw = a >>> 5;
      const ab = 1 << (a & 31);
      for (let k = 0; k < w; k++) {
        let word = bits[base + a * w + k]!;
        while (word !== 0) {
          const low = word & -word;
          o[obase + (k * 32 + (31 - Math.clz32(low))) * w + aw]! |= ab;
          word ^= low;
        }
      }
    }
    return out;
  }

  /** `r+`: the transitive closure (Warshall's algorithm on bit rows). */
  plus(): Relation {
    const { n, w } = this;
    const out = this.clone();
    const b = out.bits;
    const base = out.base;
    if (w === 1) {
      for (let k = 0; k < n; k++) {
        const kb = 1 << (k & 31);
        const row = b[base + k]!;
        if (row === 0) continue;
        for (let i = 0; i < n; i++) if ((b[base + i]! & kb) !== 0) b[base + i]! |= row;
      }
      return out;
    }
    for (let k = 0; k < n; k++) {
      const kw = k >>> 5;
      const kb = 1 << (k & 31);
      const kbase = base + k * w;
      for (let i = 0; i < n; i++) {
        const ibase = base + i * w;
        if ((b[ibase + kw]! & kb) !== 0) for (let j = 0; j < w; j++) b[ibase + j]! |= b[kbase + j]!;
      }
    }
    return out;
  }

  /** `r*`: the reflexive-transitive closure. */
  star(): Relation {
    return this.plus().addIdentity();
  }

  /** `r?`: the reflexive closure. */
  opt(): Relation {
    return this.clone().addIdentity();
  }

  /** Adds every pair (e, e) in place; returns this. */
  private addIdentity(): Relation {
    const { n, w, bits, base } = this;
    for (let e = 0; e < n; e++) bits[base + e * w + (e >>> 5)]! |= 1 << (e & 31);
    return this;
  }

  /** `[a] ; r ; [b]`. */
  restrict(domain: EventSet | undefined, range: EventSet | undefined): Relation {
    const { n, w, bits, base } = this;
    const out = new Relation(n);
    const o = out.bits;
    const obase = out.base;
    const d = domain?.bits;
    const dbase = domain?.base ?? 0;
    const r = range?.bits;
    const rbase = range?.base ?? 0;
    for (let a = 0; a < n; a++) {
      if (d !== undefined && ((d[dbase + (a >>> 5)]! >>> (a & 31)) & 1) === 0) continue;
      const row = a * w;
      if (r === undefined) for (let j = 0; j < w; j++) o[obase + row + j] = bits[base + row + j]!;
      else for (let j = 0; j < w; j++) o[obase + row + j] = bits[base + row + j]! & r[rbase + j]!;
    }
    return out;
  }

  domain(): EventSet {
    const { n, w, bits, base } = this;
    const s = new EventSet(n);
    const o = s.bits;
    const sbase = s.base;
    for (let a = 0; a < n; a++) {
      for (let j = 0; j < w; j++) {
        if (bits[base + a * w + j] !== 0) {
          o[sbase + (a >>> 5)]! |= 1 << (a & 31);
          break;
        }
      }
    }
    return s;
  }

  range(): EventSet {
    const { n, w, bits, base } = this;
    const s = new EventSet(n);
    const o = s.bits;
    const sbase = s.base;
    for (let a = 0; a < n; a++) {
      for (let j = 0; j < w; j++) o[sbase + j]! |= bits[base + a * w + j]!;
    }
    return s;
  }

  /** The successors of `a`. */
  successors(a: number): EventSet {
    const s = new EventSet(this.n);
    copyWords(this.bits, this.base + a * this.w, s.bits, s.base, this.w);
    return s;
  }

  isEmpty(): boolean {
    const { bits, base } = this;
    const size = this.n * this.w;
    for (let i = 0; i < size; i++) if (bits[base + i] !== 0) return false;
    return true;
  }

  isIrreflexive(): boolean {
    const { n, w, bits, base } = this;
    for (let a = 0; a < n; a++) if (((bits[base + a * w + (a >>> 5)]! >>> (a & 31)) & 1) === 1) return false;
    return true;
  }

  /** Calls `f` with each pair (a, b), in order of a then b (no iterator objects). */
  forEachPair(f: (a: number, b: number) => void): void {
    const { n, w, bits, base } = this;
    for (let a = 0; a < n; a++) {
      for (let k = 0; k < w; k++) {
        let word = bits[base + a * w + k]!;
        while (word !== 0) {
          const low = word & -word;
          f(a, k * 32 + (31 - Math.clz32(low)));
          word ^= low;
        }
      }
    }
  }

  /** No cycle: Kahn's topological sort over the set bits, cheaper than a closure. */
  isAcyclic(): boolean {
    const { n, w, bits, base } = this;
    // Scratch space shared by every call (a call allocates nothing when n is small).
    if (acyclicScratch.length < 2 * n) acyclicScratch = new Int32Array(2 * n);
    const indegree = acyclicScratch;
    const ready = n; // the stack of ready events: indegree[n .. n + top - 1]
    indegree.fill(0, 0, n);
    const size = n * w;
    for (let i = 0; i < size; i++) {
      let word = bits[base + i]!;
      const col = (i % w) * 32;
      while (word !== 0) {
        const low = word & -word;
        indegree[col + 31 - Math.clz32(low)]!++;
        word ^= low;
      }
    }
    let top = 0;
    for (let e = 0; e < n; e++) if (indegree[e] === 0) indegree[ready + top++] = e;
    let removed = 0;
    while (top > 0) {
      const a = indegree[ready + --top]!;
      removed++;
      for (let k = 0; k < w; k++) {
        let word = bits[base + a * w + k]!;
        while (word !== 0) {
          const low = word & -word;
          const b = k * 32 + 31 - Math.clz32(low);
          word ^= low;
          if (--indegree[b]! === 0) indegree[ready + top++] = b;
        }
      }
    }
    return removed === n;
  }

  *pairs(): IterableIterator<[number, number]> {
    for (let a = 0; a < this.n; a++) {
      for (let k = 0; k < this.w; k++) {
        let word = this.bits[this.base + a * this.w + k]!;
        while (word !== 0) {
          const low = word & -word;
          yield [a, k * 32 + (31 - Math.clz32(low))];
          word ^= low;
        }
      }
    }
  }

  equals(other: Relation): boolean {
    if (other.n !== this.n) return false;
    const size = this.n * this.w;
    for (let i = 0; i < size; i++) if (this.bits[this.base + i] !== other.bits[other.base + i]) return false;
    return true;
  }
}

/** isAcyclic's scratch: in-degrees, then the stack of ready events. */
let acyclicScratch = new Int32Array(64);

/** `r1 ; r2 ; ... ; rk`. */
export function seq(first: Relation, ...rest: Relation[]): Relation {
  let out = first;
  for (const r of rest) out = out.seq(r);
  return out;
}

/** `r1 | r2 | ...`. */
export function union(first: Relation, ...rest: Relation[]): Relation {
  return first.union(...rest);
}

function words(n: number): number {
  return Math.max(1, (n + 31) >>> 5);
}

/** Copies `length` words (a loop: a view to copy through would be an allocation). */
function copyWords(from: Uint32Array, fromBase: number, to: Uint32Array, toBase: number, length: number): void {
  for (let i = 0; i < length; i++) to[toBase + i] = from[fromBase + i]!;
}

/** Sets the bits of events 0..n-1 in the set at `base`. */
function fillAll(bits: Uint32Array, base: number, n: number): void {
  const full = n >>> 5;
  for (let i = 0; i < full; i++) bits[base + i] = 0xffffffff;
  if ((n & 31) !== 0) bits[base + full] = (1 << (n & 31)) - 1;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

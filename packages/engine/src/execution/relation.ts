// Binary relations and sets over the events of one execution, as bit matrices.
// Events are numbered 0..n-1; a relation is n rows of ⌈n/32⌉ words. Every
// operation returns a new value: models read like the .cat text they mirror
// (`seq(po, rel(fence), po)`), and nothing is shared by accident.

// Small typed arrays each with their own backing store are slow to allocate
// and to collect; relations are carved out of shared slabs instead. A slab is
// freed when no relation uses it any more.
const slabWords = 16_384;
let slab = new Uint32Array(slabWords);
let slabUsed = 0;

function allocate(length: number): Uint32Array {
  if (length > slabWords / 4) return new Uint32Array(length);
  if (slabUsed + length > slabWords) {
    slab = new Uint32Array(slabWords);
    slabUsed = 0;
  }
  const view = slab.subarray(slabUsed, slabUsed + length);
  slabUsed += length;
  return view;
}

function copy(bits: Uint32Array): Uint32Array {
  const out = allocate(bits.length);
  out.set(bits);
  return out;
}

/** A set of events: one bit per event. */
export class EventSet {
  constructor(readonly n: number, readonly bits: Uint32Array = allocate(words(n))) {}

  static of(n: number, members: Iterable<number>): EventSet {
    const s = new EventSet(n);
    const bits = s.bits;
    if (Array.isArray(members)) {
      for (let i = 0; i < members.length; i++) {
        const e = members[i] as number;
        bits[e >>> 5]! |= 1 << (e & 31);
      }
    } else {
      for (const e of members) bits[e >>> 5]! |= 1 << (e & 31);
    }
    return s;
  }

  static all(n: number): EventSet {
    const s = new EventSet(n);
    fillAll(s.bits, n);
    return s;
  }

  has(e: number): boolean {
    return ((this.bits[e >>> 5]! >>> (e & 31)) & 1) === 1;
  }

  add(e: number): void {
    this.bits[e >>> 5]! |= 1 << (e & 31);
  }

  union(...others: EventSet[]): EventSet {
    const out = new EventSet(this.n, copy(this.bits));
    const bits = out.bits;
    for (let k = 0; k < others.length; k++) {
      const o = others[k]!.bits;
      for (let i = 0; i < bits.length; i++) bits[i]! |= o[i]!;
    }
    return out;
  }

  inter(other: EventSet): EventSet {
    const out = new EventSet(this.n, copy(this.bits));
    const bits = out.bits;
    const o = other.bits;
    for (let i = 0; i < bits.length; i++) bits[i]! &= o[i]!;
    return out;
  }

  minus(other: EventSet): EventSet {
    const out = new EventSet(this.n, copy(this.bits));
    const bits = out.bits;
    const o = other.bits;
    for (let i = 0; i < bits.length; i++) bits[i]! &= ~o[i]!;
    return out;
  }

  complement(): EventSet {
    const out = new EventSet(this.n);
    fillAll(out.bits, this.n);
    const bits = out.bits;
    for (let i = 0; i < bits.length; i++) bits[i]! &= ~this.bits[i]!;
    return out;
  }

  isEmpty(): boolean {
    const bits = this.bits;
    for (let i = 0; i < bits.length; i++) if (bits[i] !== 0) return false;
    return true;
  }

  /** Calls `f` with each member, in increasing order (no iterator objects). */
  forEach(f: (e: number) => void): void {
    const bits = this.bits;
    for (let i = 0; i < bits.length; i++) {
      let w = bits[i]!;
      while (w !== 0) {
        const low = w & -w;
        f(i * 32 + (31 - Math.clz32(low)));
        w ^= low;
      }
    }
  }

  /** How many members. */
  size(): number {
    let count = 0;
    const bits = this.bits;
    for (let i = 0; i < bits.length; i++) count += popcount(bits[i]!);
    return count;
  }

  *[Symbol.iterator](): IterableIterator<number> {
    for (let i = 0; i < this.bits.length; i++) {
      let w = this.bits[i]!;
      while (w !== 0) {
        const low = w & -w;
        yield i * 32 + (31 - Math.clz32(low));
        w ^= low;
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
  readonly w: number;

  constructor(readonly n: number, readonly bits: Uint32Array = allocate(n * words(n))) {
    this.w = words(n);
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
    const out = r.bits;
    for (let i = 0; i < bits.length; i++) {
      let word = bits[i]!;
      while (word !== 0) {
        const low = word & -word;
        const e = i * 32 + (31 - Math.clz32(low));
        out[e * w + i] = low;
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
    const row = b.bits;
    const bits = a.bits;
    for (let i = 0; i < bits.length; i++) {
      let word = bits[i]!;
      while (word !== 0) {
        const low = word & -word;
        const e = i * 32 + (31 - Math.clz32(low));
        for (let j = 0; j < w; j++) out[e * w + j] = row[j]!;
        word ^= low;
      }
    }
    return r;
  }

  has(a: number, b: number): boolean {
    return ((this.bits[a * this.w + (b >>> 5)]! >>> (b & 31)) & 1) === 1;
  }

  add(a: number, b: number): void {
    this.bits[a * this.w + (b >>> 5)]! |= 1 << (b & 31);
  }

  delete(a: number, b: number): void {
    this.bits[a * this.w + (b >>> 5)]! &= ~(1 << (b & 31));
  }

  clone(): Relation {
    return new Relation(this.n, copy(this.bits));
  }

  /** A copy with a buffer of its own, for relations kept long: a view into a shared slab would keep the whole slab alive. */
  compact(): Relation {
    return new Relation(this.n, this.bits.slice());
  }

  union(...others: Relation[]): Relation {
    const out = this.clone();
    const bits = out.bits;
    for (let k = 0; k < others.length; k++) {
      const o = others[k]!.bits;
      for (let i = 0; i < bits.length; i++) bits[i]! |= o[i]!;
    }
    return out;
  }

  inter(...others: Relation[]): Relation {
    const out = this.clone();
    const bits = out.bits;
    for (let k = 0; k < others.length; k++) {
      const o = others[k]!.bits;
      for (let i = 0; i < bits.length; i++) bits[i]! &= o[i]!;
    }
    return out;
  }

  minus(...others: Relation[]): Relation {
    const out = this.clone();
    const bits = out.bits;
    for (let k = 0; k < others.length; k++) {
      const o = others[k]!.bits;
      for (let i = 0; i < bits.length; i++) bits[i]! &= ~o[i]!;
    }
    return out;
  }

  /** `r ; s`: a then b. */
  seq(other: Relation): Relation {
    const { n, w } = this;
    const out = new Relation(n);
    if (w === 1) {
      const a = this.bits;
      const b = other.bits;
      const o = out.bits;
      for (let i = 0; i < n; i++) {
        let word = a[i]!;
        let acc = 0;
        while (word !== 0) {
          const low = word & -word;
          acc |= b[31 - Math.clz32(low)]!;
          word ^= low;
        }
        o[i] = acc;
      }
      return out;
    }
    for (let a = 0; a < n; a++) {
      const base = a * w;
      for (let k = 0; k < w; k++) {
        let word = this.bits[base + k]!;
        while (word !== 0) {
          const low = word & -word;
          const mid = k * 32 + (31 - Math.clz32(low));
          word ^= low;
          const mbase = mid * w;
          for (let j = 0; j < w; j++) out.bits[base + j]! |= other.bits[mbase + j]!;
        }
      }
    }
    return out;
  }

  inverse(): Relation {
    const { n, w, bits } = this;
    const out = new Relation(n);
    const o = out.bits;
    for (let a = 0; a < n; a++) {
      const aw = a >>> 5;
      const ab = 1 << (a & 31);
      for (let k = 0; k < w; k++) {
        let word = bits[a * w + k]!;
        while (word !== 0) {
          const low = word & -word;
          o[(k * 32 + (31 - Math.clz32(low))) * w + aw]! |= ab;
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
    if (w === 1) {
      for (let k = 0; k < n; k++) {
        const kb = 1 << (k & 31);
        const row = b[k]!;
        if (row === 0) continue;
        for (let i = 0; i < n; i++) if ((b[i]! & kb) !== 0) b[i]! |= row;
      }
      return out;
    }
    for (let k = 0; k < n; k++) {
      const kw = k >>> 5;
      const kb = 1 << (k & 31);
      const kbase = k * w;
      for (let i = 0; i < n; i++) {
        const ibase = i * w;
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
    const { n, w, bits } = this;
    for (let e = 0; e < n; e++) bits[e * w + (e >>> 5)]! |= 1 << (e & 31);
    return this;
  }

  /** `[a] ; r ; [b]`. */
  restrict(domain: EventSet | undefined, range: EventSet | undefined): Relation {
    const { n, w, bits } = this;
    const out = new Relation(n);
    const o = out.bits;
    const d = domain?.bits;
    const r = range?.bits;
    for (let a = 0; a < n; a++) {
      if (d !== undefined && ((d[a >>> 5]! >>> (a & 31)) & 1) === 0) continue;
      const base = a * w;
      if (r === undefined) for (let j = 0; j < w; j++) o[base + j] = bits[base + j]!;
      else for (let j = 0; j < w; j++) o[base + j] = bits[base + j]! & r[j]!;
    }
    return out;
  }

  domain(): EventSet {
    const { n, w, bits } = this;
    const s = new EventSet(n);
    for (let a = 0; a < n; a++) {
      for (let j = 0; j < w; j++) {
        if (bits[a * w + j] !== 0) {
          s.bits[a >>> 5]! |= 1 << (a & 31);
          break;
        }
      }
    }
    return s;
  }

  range(): EventSet {
    const { n, w, bits } = this;
    const s = new EventSet(n);
    const o = s.bits;
    for (let a = 0; a < n; a++) {
      for (let j = 0; j < w; j++) o[j]! |= bits[a * w + j]!;
    }
    return s;
  }

  /** The successors of `a`. */
  successors(a: number): EventSet {
    return new EventSet(this.n, copy(this.bits.subarray(a * this.w, (a + 1) * this.w)));
  }

  isEmpty(): boolean {
    const bits = this.bits;
    for (let i = 0; i < bits.length; i++) if (bits[i] !== 0) return false;
    return true;
  }

  isIrreflexive(): boolean {
    const { n, w, bits } = this;
    for (let a = 0; a < n; a++) if (((bits[a * w + (a >>> 5)]! >>> (a & 31)) & 1) === 1) return false;
    return true;
  }

  /** Calls `f` with each pair (a, b), in order of a then b (no iterator objects). */
  forEachPair(f: (a: number, b: number) => void): void {
    const { n, w, bits } = this;
    for (let a = 0; a < n; a++) {
      for (let k = 0; k < w; k++) {
        let word = bits[a * w + k]!;
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
    const { n, w, bits } = this;
    const indegree = new Int32Array(n);
    for (let i = 0; i < bits.length; i++) {
      let word = bits[i]!;
      const base = (i % w) * 32;
      while (word !== 0) {
        const low = word & -word;
        indegree[base + 31 - Math.clz32(low)]!++;
        word ^= low;
      }
    }
    const ready: number[] = [];
    for (let e = 0; e < n; e++) if (indegree[e] === 0) ready.push(e);
    let removed = 0;
    while (ready.length > 0) {
      const a = ready.pop()!;
      removed++;
      for (let k = 0; k < w; k++) {
        let word = bits[a * w + k]!;
        while (word !== 0) {
          const low = word & -word;
          const b = k * 32 + 31 - Math.clz32(low);
          word ^= low;
          if (--indegree[b]! === 0) ready.push(b);
        }
      }
    }
    return removed === n;
  }

  *pairs(): IterableIterator<[number, number]> {
    for (let a = 0; a < this.n; a++) {
      for (let k = 0; k < this.w; k++) {
        let word = this.bits[a * this.w + k]!;
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
    for (let i = 0; i < this.bits.length; i++) if (this.bits[i] !== other.bits[i]) return false;
    return true;
  }
}

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

/** Sets the bits of events 0..n-1. */
function fillAll(bits: Uint32Array, n: number): void {
  const full = n >>> 5;
  for (let i = 0; i < full; i++) bits[i] = 0xffffffff;
  if ((n & 31) !== 0) bits[full] = (1 << (n & 31)) - 1;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

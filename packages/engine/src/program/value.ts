/**
 * A value in a litmus test: an integer, the address of a shared location
 * (herd7 prints it as the location's name, as in `1:r0=x`), or in a final
 * state a value herd7 cannot solve (printed as its variable, `S8`; see
 * explore/value-cycles.ts). Programs never compute with the last kind.
 */
export type Value = number | Address | Unsolved;

/** The address of shared location `name`. */
export interface Address {
  readonly address: string;
}

/** A value no write determines: herd7's variable number `symbol`, printed `S<symbol>`. */
export interface Unsolved {
  readonly symbol: number;
}

const unsolved = new Map<number, Unsolved>();

/** The (interned) unsolved value named by herd7's variable `symbol`. */
export function unsolvedValue(symbol: number): Unsolved {
  let u = unsolved.get(symbol);
  if (!u) {
    u = Object.freeze({ symbol });
    unsolved.set(symbol, u);
  }
  return u;
}

const addresses = new Map<string, Address>();

/** The (interned) address of `name`: equal addresses are the same object. */
export function addressOf(name: string): Address {
  let a = addresses.get(name);
  if (!a) {
    a = Object.freeze({ address: name });
    addresses.set(name, a);
  }
  return a;
}

/**
 * `pointer` plus `offset`: the pointer itself for 0, else the address of a
 * location of its own, named `y+128` or `y+-1` (as herd7 prints them). Without arrays (herd7 refuses
 * them outside its mixed-size mode) no declared location lies at an offset
 * from another, so herd7 makes `y+128` a location apart: no initial value
 * (a read of it reads some write to it, or the execution does not exist), its
 * own coherence order, never in a final state. Offsets add up: (y+1)-1 is y.
 */
export function offsetAddress(pointer: Address, offset: number): Address {
  const { base, offset: from } = addressParts(pointer);
  const total = from + offset;
  return addressOf(total === 0 ? base : `${base}+${total}`);
}

/** A location at an offset from a declared one (offsetAddress): its base and offset. */
const OFFSET = /^(.*?)\+(-?\d+)$/;

/** The declared location an address lies at and its offset from it (`y+-1`: y and -1). */
export function addressParts(a: Address): { readonly base: string; readonly offset: number } {
  const at = OFFSET.exec(a.address);
  return at ? { base: at[1]!, offset: Number(at[2]) } : { base: a.address, offset: 0 };
}

/**
 * `a - b` for two addresses, as herd7 computes it: not a distance but a
 * comparison (symbValue.ml `sub` compares the two symbols), -1, 0 or 1 by
 * location name (as strings compare), then by offset.
 */
export function compareAddresses(a: Address, b: Address): number {
  const pa = addressParts(a);
  const pb = addressParts(b);
  if (pa.base !== pb.base) return pa.base < pb.base ? -1 : 1;
  return Math.sign(pa.offset - pb.offset);
}

/** Whether `loc` names a location at an offset from a declared one (offsetAddress). */
export function isOffsetLocation(loc: string): boolean {
  return OFFSET.test(loc);
}

/**
 * The initial value of a location at an offset (offsetAddress): no read can
 * return it, so a read of such a location reads some write to it or has no
 * execution, as herd7 has no initial write to read there.
 */
export const noInitialValue: Unsolved = unsolvedValue(-1);

export function isAddress(v: Value): v is Address {
  return typeof v === 'object' && 'address' in v;
}

/** A string key: equal values have equal keys. */
export function valueKey(v: Value): string {
  return typeof v === 'number' ? String(v) : 'address' in v ? `&${v.address}` : `S${v.symbol}`;
}

export function sameValue(a: Value, b: Value): boolean {
  return a === b;
}

/** herd7's order on values: unsolved ones first (by number), then integers (numerically), then addresses by name. */
export function compareValues(a: Value, b: Value): number {
  const rank = (v: Value) => (typeof v === 'number' ? 1 : 'address' in v ? 2 : 0);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'number') return a - (b as number);
  if ('symbol' in a) return a.symbol - (b as Unsolved).symbol;
  const other = (b as Address).address;
  return a.address < other ? -1 : a.address > other ? 1 : 0;
}

/** As herd7 prints a value in a state or condition. */
export function formatValue(v: Value): string {
  if (v === noInitialValue) return 'none';
  return typeof v === 'number' ? String(v) : 'address' in v ? v.address : `S${v.symbol}`;
}

/** C truthiness: non-zero integers and every address are true. */
export function truthy(v: Value): boolean {
  return typeof v === 'number' ? v !== 0 : true;
}

/**
 * A value in a litmus test: an integer, or the address of a shared location
 * (herd7 prints it as the location's name, as in `1:r0=x`).
 */
export type Value = number | Address;

/** The address of shared location `name`. */
export interface Address {
  readonly address: string;
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

export function isAddress(v: Value): v is Address {
  return typeof v === 'object';
}

/** A string key: equal values have equal keys. */
export function valueKey(v: Value): string {
  return typeof v === 'number' ? String(v) : `&${v.address}`;
}

export function sameValue(a: Value, b: Value): boolean {
  return a === b;
}

/** herd7's order on values: integers first (numerically), then addresses by name. */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
}

/** As herd7 prints a value in a state or condition. */
export function formatValue(v: Value): string {
  return typeof v === 'number' ? String(v) : v.address;
}

/** C truthiness: non-zero integers and every address are true. */
export function truthy(v: Value): boolean {
  return typeof v === 'number' ? v !== 0 : true;
}

// herd7's `Hash=` line for a C litmus test (herdtools7 lib/CGenParser_lib.ml,
// lib/CTestHash.ml, lib/testHash.ml): a test's own `Hash=` information line
// when it has one, else the MD5 of four parts, each itself an MD5:
//   info      the MemoryType/MT/CacheType lines (none in C tests: then nothing),
//   init      the init block's items, sorted by location (the threads'
//             parameters, which herd7 adds to the initial state, do not count),
//   program   each function's header and raw body (hash/herd-program-text.ts),
//   observed  the locations the `locations` clause and the final condition name.
// The test's name, doc string and condition do not count: two tests that
// differ only there have the same hash. mcompare7 and msort7 compare hashes
// to check that two logs ran the same test.
import type { ConditionTarget, ConditionValue, LitmusAst, Prop } from '../syntax/ast.ts';
import { herdInitItems, type HerdInitItem, type HerdLocation } from './herd-init-text.ts';
import { herdProgramText } from './herd-program-text.ts';
import { herdSections } from './herd-sections.ts';
import { concatBytes, md5, md5OfText, toHex } from './md5.ts';

/** A test's herd7 hash, or why it has none. */
export type HerdHash = { readonly hash: string } | { readonly why: string };

// Information keys herd7 digests (lib/miscParser.ml `digested_keys`), compared without case.
const DIGESTED_KEYS = ['memorytype', 'mt', 'cachetype'];

/**
 * The hash herd7 7.58 prints for the test, from its text and AST. Where the
 * test uses a form this reimplementation does not cover (or herd7 would
 * refuse), no hash: printing none is better than printing a wrong one.
 * `check` is called as the digest goes (a run's meter: see md5).
 */
export function herdHash(source: string, ast: LitmusAst, check?: () => void): HerdHash {
  const info = ast.info ?? [];
  const own = info.find((i) => i.key.toLowerCase() === 'hash');
  if (own) return { hash: own.value };
  const sections = herdSections(source);
  if (!sections) return { why: 'herd7 would not find the init block' };
  const init = herdInitItems(sections.init);
  if (typeof init === 'string') return { why: init };
  const program = herdProgramText(sections.program);
  if ('why' in program) return program;
  const observed = observedLocations(ast);
  const parts = [
    infoDigest(info),
    md5OfText(initText(init), check),
    md5OfText(` ${program.functions.join(' | ')} ;\n`, check),
    md5OfText(observed),
  ];
  return { hash: toHex(md5(concatBytes(parts))) };
}

function infoDigest(info: NonNullable<LitmusAst['info']>): Uint8Array {
  const sorted = [...info].sort((a, b) => compareBytes(a.key, b.key));
  const kept = sorted.filter((i) => DIGESTED_KEYS.includes(i.key.toLowerCase())).map((i) => `${i.key.toLowerCase()}=${i.value}`);
  // herd7 folds the sorted list onto a stack, so the text runs in reverse order; none at all adds nothing.
  return kept.length === 0 ? new Uint8Array(0) : md5OfText(kept.reverse().join(''));
}

/** The init part's text: items sorted by location (registers by thread, then globals), the first of a location kept. */
function initText(items: readonly HerdInitItem[]): string {
  const sorted = [...items].sort((a, b) => compareLocations(a.location, b.location));
  const kept = sorted.filter((item, k) => k === 0 || compareLocations(sorted[k - 1]!.location, item.location) !== 0);
  return kept.map((item) => {
    const loc = locationText(item.location);
    const t = item.type;
    switch (t.kind) {
      case 'default': return `${loc}=${item.value}`;
      case 'default-pointer': return `*${loc}=${item.value}`;
      case 'named': return `${t.name} ${loc}=${item.value}`;
      case 'atomic': return `_Atomic ${t.name} ${loc}=${item.value}`;
      case 'pointer': return `${t.name} *${loc}=${item.value}`;
    }
  }).join('; ');
}

/** The observed part: the locations of the `locations` clause and of the final condition, sorted, once each. */
function observedLocations(ast: LitmusAst): string {
  const found = new Map<string, HerdLocation>();
  const add = (target: ConditionTarget): void => {
    const loc: HerdLocation = target.kind === 'register' ? { kind: 'register', thread: target.thread, name: target.name } : { kind: 'global', name: target.name };
    found.set(locationText(loc), loc);
  };
  for (const target of ast.locations) add(target);
  const walk = (p: Prop): void => {
    if (p.kind === 'atom') {
      add(p.target);
      if (p.value.kind === 'target') add((p.value as Extract<ConditionValue, { kind: 'target' }>).target);
    } else if (p.kind === 'not') walk(p.operand);
    else if (p.kind === 'and' || p.kind === 'or' || p.kind === 'implies') {
      walk(p.left);
      walk(p.right);
    }
  };
  if (ast.condition) walk(ast.condition.prop);
  return [...found.values()].sort(compareLocations).map(locationText).join('; ');
}

function locationText(loc: HerdLocation): string {
  return loc.kind === 'register' ? `${loc.thread}:${loc.name}` : loc.name;
}

/** herd7's order of locations (lib/miscParser.ml `location_compare`): registers by thread then name, then globals by name. */
function compareLocations(a: HerdLocation, b: HerdLocation): number {
  if (a.kind === 'register' && b.kind === 'register') return a.thread - b.thread || compareBytes(a.name, b.name);
  if (a.kind === 'register') return -1;
  if (b.kind === 'register') return 1;
  return compareBytes(a.name, b.name);
}

/** OCaml's String.compare: byte order (code units order the same for the ASCII names tests use). */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

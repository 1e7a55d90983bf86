// The init block as herd7 reads it for its hash (herdtools7 lib/stateLexer.mll,
// lib/stateParser.mly `init`): each item's location, type and value, values
// spelt as written (`0x10` stays `0x10`). Only the forms C litmus tests use;
// anything else is reported, and the test gets no hash.
import { skipOcamlComment } from './herd-sections.ts';

/** A location of the init block: a thread's register or a shared variable. */
export type HerdLocation =
  | { readonly kind: 'register'; readonly thread: number; readonly name: string }
  | { readonly kind: 'global'; readonly name: string };

/** The type an init item gives its location (lib/testType.ml). */
export type HerdInitType =
  | { readonly kind: 'default' }
  | { readonly kind: 'default-pointer' }
  | { readonly kind: 'named' | 'atomic' | 'pointer'; readonly name: string };

/** One item of the init block. */
export interface HerdInitItem {
  readonly location: HerdLocation;
  readonly type: HerdInitType;
  /** The value as written (a number's digits, or a location's name). */
  readonly value: string;
}

type Token = { readonly kind: 'num' | 'name' | 'proc' | 'punct' | 'keyword'; readonly text: string };

// Words herd7's state lexer turns into keywords: as names they would break its parse.
const KEYWORDS = new Set(['NOP', 'nop', 'not', 'true', 'false', 'observed', 'Observed', 'and', 'exists', 'forall', 'final', 'with',
  'locations', 'filter', 'fault', 'Fault', 'tag', 'TAG', 'attrs', 'Attrs', 'oa', 'PTE', 'TTD', 'PA', '_Atomic', 'ATOMIC_INIT']);
const NUM = /0[xX][0-9a-fA-F]+|-?[0-9]+/y;
const NAME = /_?[A-Za-z_.$]+[A-Za-z0-9_/.-]*/y;

/** The items of an init block's text; a string saying why when herd7's parser would refuse it or it uses a form not handled here. */
export function herdInitItems(text: string): readonly HerdInitItem[] | string {
  const lexed = stateTokens(text);
  if (typeof lexed === 'string') return lexed;
  const tokens: readonly Token[] = lexed;
  const items: HerdInitItem[] = [];
  let i = 0;
  const at = (k: number): Token | undefined => tokens[i + k];
  const is = (k: number, s: string): boolean => at(k)?.kind === 'punct' && at(k)?.text === s;
  while (i < tokens.length) {
    if (is(0, ';')) {
      // An empty item only at the end: `x=1;` (herd7's list allows one trailing `;`).
      if (i === tokens.length - 1) break;
      return 'an empty init item';
    }
    const item = initItem();
    if (typeof item === 'string') return item;
    items.push(item);
    if (i < tokens.length) {
      if (!is(0, ';')) return 'an init item not followed by ;';
      i++;
    }
  }
  return items;

  function location(): HerdLocation | undefined {
    const t = at(0);
    if ((t?.kind === 'num' || t?.kind === 'proc') && is(1, ':') && at(2)?.kind === 'name') {
      const thread = Number.parseInt(t.kind === 'proc' ? t.text.slice(1) : t.text, 10);
      i += 3;
      return { kind: 'register', thread, name: tokens[i - 1]!.text };
    }
    if (t?.kind === 'name' && !is(1, ':') && !is(1, '[')) {
      i++;
      return { kind: 'global', name: t.text };
    }
    if (is(0, '[') && at(1)?.kind === 'name' && is(2, ']')) {
      i += 3;
      return { kind: 'global', name: tokens[i - 2]!.text };
    }
    return undefined;
  }

  function value(amper: boolean): string | undefined {
    if (amper && is(0, '&')) i++;
    const t = at(0);
    if ((t?.kind === 'num' && !is(1, ':')) || (t?.kind === 'name' && !is(1, ':') && !is(1, '['))) {
      i++;
      return t.text;
    }
    return undefined;
  }

  function initItem(): HerdInitItem | string {
    const unsupported = 'an init item of a form not handled';
    // `*p = &x`, `int *p = &x`
    if (is(0, '*')) {
      i++;
      const loc = location();
      if (!loc) return unsupported;
      return withValue(loc, { kind: 'default-pointer' }, true);
    }
    if (at(0)?.kind === 'keyword' && at(0)?.text === '_Atomic') {
      const type = at(1);
      if (type?.kind !== 'name') return unsupported;
      i += 2;
      const loc = location();
      if (!loc) return unsupported;
      return withValue(loc, { kind: 'atomic', name: type.text }, false);
    }
    const first = at(0);
    if (first?.kind === 'name' && is(1, '*')) {
      i += 2;
      const loc = location();
      if (!loc) return unsupported;
      return withValue(loc, { kind: 'pointer', name: first.text }, true);
    }
    if (first?.kind === 'name' && (at(1)?.kind === 'name' || at(1)?.kind === 'num' || at(1)?.kind === 'proc' || is(1, '['))) {
      i++;
      const loc = location();
      if (!loc) return unsupported;
      if (is(0, '=') && at(1)?.kind === 'keyword' && at(1)?.text === 'ATOMIC_INIT') {
        i += 2;
        if (!is(0, '(')) return unsupported;
        i++;
        const v = value(false);
        if (v === undefined || !is(0, ')')) return unsupported;
        i++;
        return { location: loc, type: { kind: 'named', name: first.text }, value: v };
      }
      return withValue(loc, { kind: 'named', name: first.text }, false);
    }
    const loc = location();
    if (!loc) return unsupported;
    return withValue(loc, { kind: 'default' }, false);
  }

  function withValue(location: HerdLocation, type: HerdInitType, amper: boolean): HerdInitItem | string {
    if (!is(0, '=')) return { location, type, value: '0' };
    i++;
    const v = value(amper);
    if (v === undefined) return 'an init value of a form not handled';
    return { location, type, value: v };
  }
}

/** herd7's state lexer, longest match first, keywords winning ties with names. */
function stateTokens(text: string): Token[] | string {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const c = text[at]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      at++;
      continue;
    }
    if (text.startsWith('(*', at)) {
      const end = skipOcamlComment(text, at + 2);
      if (end === undefined) return 'an unclosed comment in the init block';
      at = end;
      continue;
    }
    NUM.lastIndex = at;
    const num = NUM.exec(text)?.[0] ?? '';
    NAME.lastIndex = at;
    const name = NAME.exec(text)?.[0] ?? '';
    const proc = /^P-?[0-9]+/.exec(text.slice(at, at + 12))?.[0] ?? '';
    const keyword = [...KEYWORDS].filter((k) => text.startsWith(k, at)).reduce((a, b) => (b.length > a.length ? b : a), '');
    const longest = Math.max(num.length, name.length, proc.length, keyword.length);
    if (longest === 0) {
      if ('&;:[]()=*'.includes(c)) {
        tokens.push({ kind: 'punct', text: c });
        at++;
        continue;
      }
      return `a character herd7's init lexer does not read ('${c}')`;
    }
    // Rule order in stateLexer.mll: NOP, numbers, P<n>, keywords, then names.
    if (keyword === 'NOP' || keyword === 'nop') return 'an instruction in the init block';
    if (num.length === longest) tokens.push({ kind: 'num', text: num });
    else if (proc.length === longest) tokens.push({ kind: 'proc', text: proc });
    else if (keyword.length === longest) tokens.push({ kind: 'keyword', text: keyword });
    else tokens.push({ kind: 'name', text: name });
    at += longest;
  }
  return tokens;
}

// The program as herd7 prints it for its hash (herdtools7 lib/CParser.mly's
// shallow grammar, lib/dumpCAst.ml, lib/CType.ml): each function's header
// rebuilt from its tokens (`P0(int* x, atomic_t* v)`), its body kept as the
// raw text between its braces. Comments between functions are dropped, those
// inside a body stay, as in herd7. A `regions:` clause after the functions is
// left out, as herd7 leaves it out.

/** A C type as herd7's C parser builds it. */
type CType =
  | { readonly kind: 'base'; readonly name: string }
  | { readonly kind: 'volatile' | 'const' | 'atomic' | 'pointer'; readonly of: CType };

// Type words of herd7's C lexer (CLexer.mll `tr_name`) that name a base type.
const BASE_TYPES = new Set([
  'int8_t', 'uint8_t', 'int16_t', 'uint16_t', 'int32_t', 'uint32_t', 'int64_t', 'uint64_t',
  '__int128_t', '__uint128_t', '__int128', '__uint128', 'intptr_t', 'uintptr_t',
  'mtx_t', 'spinlock_t', 'atomic_t', 'char', 'int', 'long',
]);

type Token =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'proc'; readonly index: number }
  | { readonly kind: 'punct'; readonly text: string }
  | { readonly kind: 'body'; readonly text: string };

/**
 * The program part of herd7's hash text: each function printed as herd7
 * prints it; undefined where herd7's C parser would refuse the program
 * (reason in `why`).
 */
export function herdProgramText(program: string): { readonly functions: readonly string[] } | { readonly why: string } {
  const tokens = shallowTokens(program);
  if ('why' in tokens) return tokens;
  const functions: string[] = [];
  let i = 0;
  const list = tokens.tokens;
  while (i < list.length) {
    const t = list[i]!;
    // herd7's `regions:` clause ends the functions and is not in the hash.
    if (t.kind === 'word' && t.text === 'regions') break;
    if (t.kind === 'body') {
      functions.push(`{${t.text}}\n\n`);
      i++;
      continue;
    }
    if (t.kind === 'word' && t.text === 'void') {
      i++;
      if (isPunct(list[i], '*')) i++;
    }
    const proc = list[i];
    if (proc?.kind !== 'proc' || !isPunct(list[i + 1], '(')) return { why: 'a program that is not functions P0, P1, ...' };
    i += 2;
    const params: string[] = [];
    let tokensOfParam: Token[] = [];
    for (;;) {
      const p = list[i++];
      if (p === undefined) return { why: 'an unclosed parameter list' };
      if (isPunct(p, ',') || isPunct(p, ')')) {
        if (tokensOfParam.length > 0 || isPunct(p, ',') || params.length > 0) {
          const param = paramText(tokensOfParam);
          if (param === undefined) return { why: 'a parameter type herd7 does not read' };
          params.push(param);
        }
        tokensOfParam = [];
        if (isPunct(p, ')')) break;
      } else tokensOfParam.push(p);
    }
    const body = list[i++];
    if (body?.kind !== 'body') return { why: 'a function without a body' };
    functions.push(`P${proc.index}(${params.join(', ')}) {\n${body.text}\n}\n`);
  }
  return { functions };
}

function isPunct(t: Token | undefined, text: string): boolean {
  return t?.kind === 'punct' && t.text === text;
}

/** `int *x` as herd7 prints a parameter: `int* x` (CType.dump of the pointer type, then the name). */
function paramText(tokens: readonly Token[]): string | undefined {
  const name = tokens[tokens.length - 1];
  if (name?.kind !== 'word' || isTypeWord(name.text)) return undefined;
  const type = parseType(tokens.slice(0, -1));
  // A parameter must be a pointer (CParser.mly `typ_ptr`).
  if (type?.kind !== 'pointer') return undefined;
  return `${dumpType(type)} ${name.text}`;
}

function isTypeWord(word: string): boolean {
  return BASE_TYPES.has(word) || ['void', 'volatile', 'const', '_Atomic', 'atomic', 'atomic_int', 'struct', 'srcu_struct'].includes(word);
}

/** A type from its tokens, by CParser.mly's `typ` rules (without parenthesised types); undefined if not one. */
function parseType(tokens: readonly Token[]): CType | undefined {
  const words = tokens.map((t) => (t.kind === 'word' || t.kind === 'punct' ? t.text : '\u0000'));
  let i = 0;
  let type: CType | undefined;
  const base = (): CType | undefined => {
    const w = words[i];
    if (w === 'atomic_int') {
      i++;
      return { kind: 'atomic', of: { kind: 'base', name: 'int' } };
    }
    if (w === 'atomic' && words[i + 1] === '<' && BASE_TYPES.has(words[i + 2] ?? '') && words[i + 3] === '>') {
      i += 4;
      return { kind: 'atomic', of: { kind: 'base', name: words[i - 2]! } };
    }
    if (w === 'struct' && words[i + 1] === 'srcu_struct') {
      i += 2;
      return { kind: 'base', name: 'struct srcu_struct' };
    }
    if (w !== undefined && BASE_TYPES.has(w)) {
      i++;
      return { kind: 'base', name: w };
    }
    return undefined;
  };
  const first = words[i];
  if (first === 'void' && words[i + 1] === '*') {
    i += 2;
    type = { kind: 'pointer', of: { kind: 'base', name: 'void' } };
  } else if (first === '_Atomic' || first === 'volatile' || first === 'const') {
    i++;
    const of = base();
    if (of === undefined) return undefined;
    type = { kind: first === '_Atomic' ? 'atomic' : first === 'volatile' ? 'volatile' : 'const', of };
  } else type = base();
  if (type === undefined) return undefined;
  for (; i < words.length; i++) {
    const w = words[i];
    if (w === '*') type = { kind: 'pointer', of: type };
    else if (w === 'volatile') type = { kind: 'volatile', of: type };
    else if (w === 'const') type = { kind: 'const', of: type };
    else return undefined;
  }
  return type;
}

/** A type as herd7 prints it (lib/CType.ml `dump`). */
function dumpType(t: CType): string {
  if (t.kind === 'base') return t.name;
  if (t.kind === 'pointer') return `${dumpType(t.of)}*`;
  if (t.kind === 'volatile') return t.of.kind === 'base' ? `volatile ${t.of.name}` : `${dumpType(t.of)} volatile`;
  if (t.kind === 'atomic') return t.of.kind === 'base' ? `_Atomic ${t.of.name}` : `_Atomic (${dumpType(t.of)})`;
  return `${dumpType(t.of)} const`;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?[0-9]+/y;

/** herd7's shallow C lexer: words, `P<n>`, punctuation, and bodies as raw text. */
function shallowTokens(text: string): { readonly tokens: readonly Token[] } | { readonly why: string } {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const c = text[at]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      at++;
      continue;
    }
    if (text.startsWith('/*', at)) {
      const end = text.indexOf('*/', at + 2);
      if (end < 0) return { why: 'an unclosed comment' };
      at = end + 2;
      continue;
    }
    if (text.startsWith('//', at)) {
      const end = text.indexOf('\n', at);
      at = end < 0 ? text.length : end + 1;
      continue;
    }
    if (c === '{') {
      // The body: braces nest, nothing else is special (not even comments).
      let depth = 0;
      let i = at + 1;
      for (; i < text.length; i++) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}') {
          if (depth === 0) break;
          depth--;
        }
      }
      if (i >= text.length) return { why: 'an unclosed function body' };
      tokens.push({ kind: 'body', text: text.slice(at + 1, i) });
      at = i + 1;
      continue;
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    WORD.lastIndex = at;
    const word = WORD.exec(text);
    const proc = /^P[0-9]+/.exec(text.slice(at, at + 12));
    if (number && number[0].length >= (word?.[0].length ?? 0)) {
      tokens.push({ kind: 'word', text: number[0] });
      at += number[0].length;
    } else if (word) {
      // `P0` is a thread unless a longer name goes on (`P0x`).
      if (proc && proc[0].length === word[0].length) tokens.push({ kind: 'proc', index: Number.parseInt(proc[0].slice(1), 10) });
      else tokens.push({ kind: 'word', text: word[0] });
      at += word[0].length;
    } else if ('*(),<>;:'.includes(c)) {
      tokens.push({ kind: 'punct', text: c });
      at++;
    } else return { why: `a character herd7's C lexer does not expect ('${c}')` };
  }
  return { tokens };
}

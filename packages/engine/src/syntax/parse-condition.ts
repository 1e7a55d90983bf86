// The condition language after the threads (herdtools7 lib/stateParser.mly):
// `1:r0=1 /\ ~(x=2) \/ [y]!=0 => true`. Precedence is herd7's, whose grammar
// declares `%left OR %left AND %right IMPLIES %nonassoc NOT`: tightest first,
// `~` (or `not`), then implication (`=>`, also `->`; right-associative), then
// `/\`, then `\/`. So `a /\ b => c` means `a /\ (b => c)`, as in herd7: the
// verdicts must be herd7's even where the usual logic reading differs.
import type { ConditionTarget, ConditionValue, Prop } from './ast.ts';
import { CLAUSE_WORDS, isPunct, isThreadName, THREAD_NAME, type Token } from './token.ts';
import type { TokenStream } from './token-stream.ts';

/** Words that cannot name a location in a condition. */
const CONDITION_KEYWORDS: ReadonlySet<string> = new Set(['true', 'false', 'not', 'exists', 'forall', 'locations', 'filter']);

const TARGET_EXAMPLE = 'a register like 1:r0 or a location like x';

/** Too-deep propositions are cut off only at a closer or the next section. */
const neverStop = (): boolean => false;

/**
 * Parses a proposition (the body of `exists`, `forall`, `filter`). Aborts,
 * after reporting, on malformed input.
 */
export function parseProp(ts: TokenStream): Prop {
  if (!ts.enter()) return skipTooDeep(ts);
  try {
    return parseOr(ts);
  } finally {
    ts.leave();
  }
}

function parseOr(ts: TokenStream): Prop {
  const start = ts.current.start;
  let left = parseAnd(ts);
  while (ts.eatPunct('\\/')) {
    const right = parseAnd(ts);
    left = { kind: 'or', left, right, span: ts.spanFrom(start) };
  }
  return left;
}

function parseAnd(ts: TokenStream): Prop {
  const start = ts.current.start;
  let left = parseImplies(ts);
  while (ts.eatPunct('/\\')) {
    const right = parseImplies(ts);
    left = { kind: 'and', left, right, span: ts.spanFrom(start) };
  }
  return left;
}

/** Right-associative; read in a loop so long chains do not count as nesting. */
function parseImplies(ts: TokenStream): Prop {
  const operands: { prop: Prop; start: number }[] = [];
  for (;;) {
    const start = ts.current.start;
    operands.push({ prop: parseNot(ts), start });
    if (!ts.atPunct('=>') && !ts.atPunct('->')) break;
    ts.advance();
  }
  let right = operands.pop()!.prop;
  while (operands.length > 0) {
    const { prop: left, start } = operands.pop()!;
    right = { kind: 'implies', left, right, span: ts.spanFrom(start) };
  }
  return right;
}

function parseNot(ts: TokenStream): Prop {
  const start = ts.current.start;
  if (!ts.atPunct('~') && !(ts.current.kind === 'ident' && ts.current.text === 'not')) return parsePrimary(ts);
  ts.advance();
  if (!ts.enter()) return skipTooDeep(ts);
  try {
    const operand = parseNot(ts);
    return { kind: 'not', operand, span: ts.spanFrom(start) };
  } finally {
    ts.leave();
  }
}

function parsePrimary(ts: TokenStream): Prop {
  const token = ts.current;
  if (isPunct(token, '(')) {
    ts.advance();
    const inner = parseProp(ts);
    ts.expectPunct(')', `')' to match the '(' on line ${ts.lineOf(token.start)}`);
    return inner;
  }
  if (token.kind === 'ident' && (token.text === 'true' || token.text === 'false')) {
    ts.advance();
    return { kind: token.text, span: ts.span(token.start, token.end) };
  }
  return parseAtom(ts);
}

/** One comparison, `1:r0=1`, `[x]!=0`, `x<>y`: herd7's `atom_prop`. */
function parseAtom(ts: TokenStream): Prop {
  const token = ts.current;
  if (token.kind !== 'ident' && token.kind !== 'number' && !isPunct(token, '[') && !isPunct(token, '*')) {
    ts.failExpected('a condition such as 1:r0=1');
  }
  const start = token.start;
  const target = parseConditionTarget(ts);
  const operator = ts.current;
  let op: '=' | '!=';
  if (isPunct(operator, '=') || isPunct(operator, '==')) op = '=';
  else if (isPunct(operator, '!=')) op = '!=';
  else if (atNotEqualDiamond(ts)) {
    ts.advance(); // `<`, then `>` below: herd7's lexer reads `<>` as `!=`
    op = '!=';
  } else return ts.failExpected("'=' or '!=' after the register or location", 'syntax/unexpected-token',
    'a condition compares a register or location with a value, as in 1:r0=1 or x!=0');
  ts.advance();
  const value = parseConditionValue(ts);
  return { kind: 'atom', target, op, value, span: ts.spanFrom(start) };
}

/**
 * herd7's older condition `observed 1:r0=1; 1:r1=0; and 1:r0=0;` (stateParser.mly
 * `obs`), with the cursor on `observed`: groups of atoms, each atom ending in
 * `;`, the groups joined by `and`. It means `exists (1:r0=1 /\ 1:r1=0 \/ 1:r0=0)`;
 * an empty group is `true`. Nothing else may follow it.
 */
export function parseObserved(ts: TokenStream): Prop {
  ts.advance();
  const first = ts.current.start;
  let prop: Prop | undefined;
  for (;;) {
    const start = ts.current.start;
    let group: Prop | undefined;
    while (!ts.atEof && !ts.atWord('and')) {
      const token = ts.current;
      if (token.kind === 'ident' && CLAUSE_WORDS.has(token.text)) {
        ts.fail('syntax/misplaced-clause', `'${token.text}' comes after 'observed'`,
          "nothing may follow 'observed': move 'locations' and 'filter' before it");
      }
      const atom = parseAtom(ts);
      ts.expectPunct(';', "';' after each comparison of 'observed', as in 'observed 1:r0=1; 1:r1=0;'");
      group = group === undefined ? atom : { kind: 'and', left: group, right: atom, span: ts.spanFrom(start) };
    }
    group ??= { kind: 'true', span: ts.span(start, start) };
    prop = prop === undefined ? group : { kind: 'or', left: prop, right: group, span: ts.spanFrom(first) };
    if (!ts.atWord('and')) return prop;
    ts.advance();
  }
}

/** `<>` written without a space: herd7's state lexer reads it as `!=`. */
function atNotEqualDiamond(ts: TokenStream): boolean {
  const less = ts.current;
  const greater = ts.peek();
  return isPunct(less, '<') && isPunct(greater, '>') && greater.start === less.end;
}

/**
 * Parses what a condition atom or a `locations` entry talks about: a register
 * `1:r0` (also `P1:r0`) or a location `x`, `[x]` or `*x`.
 */
export function parseConditionTarget(ts: TokenStream): ConditionTarget {
  const token = ts.current;
  const start = token.start;
  if (token.kind === 'number' || (isThreadName(token) && isPunct(ts.peek(), ':'))) {
    ts.advance();
    const thread = token.kind === 'number' ? token.value : Number(THREAD_NAME.exec(token.text)?.[1] ?? 0);
    ts.expectPunct(':', `':' after the thread number, as in ${thread}:r0`);
    const name = expectName(ts, `a register name after '${thread}:'`);
    return { kind: 'register', thread, name: name.text, span: ts.spanFrom(start) };
  }
  if (isPunct(token, '[')) {
    ts.advance();
    const name = expectName(ts, "a location name after '['");
    ts.expectPunct(']', `']' after '[${name.text}'`);
    return { kind: 'location', name: name.text, span: ts.spanFrom(start) };
  }
  if (isPunct(token, '*')) {
    ts.advance();
    const name = expectName(ts, "a location name after '*'");
    return { kind: 'location', name: name.text, span: ts.spanFrom(start) };
  }
  const name = expectName(ts, TARGET_EXAMPLE);
  return { kind: 'location', name: name.text, span: ts.spanFrom(start) };
}

/**
 * A value in an atom: an integer (maybe negative), a location name (its
 * address), or another register or location to compare with: `1:r2`,
 * `P1:r2`, `[y]`, `*y`, `*1:r2` (herd7's stateParser.mly, `location_deref`).
 */
function parseConditionValue(ts: TokenStream): ConditionValue {
  const token = ts.current;
  if (isPunct(token, '-') && ts.peek().kind === 'number') {
    ts.advance();
    const value = 0 - ts.advance().value; // not -v: keeps -0 out of the AST
    return { kind: 'number', value, span: ts.spanFrom(token.start) };
  }
  const register = (token.kind === 'number' || isThreadName(token)) && isPunct(ts.peek(), ':');
  const next = ts.peek();
  if (isPunct(token, '*') && (next.kind === 'number' || isThreadName(next)) && isPunct(ts.peek(2), ':')) {
    // `*1:r0`: herd7's `location_deref` takes a star before a register too; it names the register itself.
    ts.advance();
    const target = parseConditionTarget(ts);
    return { kind: 'target', target, span: ts.spanFrom(token.start) };
  }
  if (register || isPunct(token, '[') || isPunct(token, '*')) {
    const target = parseConditionTarget(ts);
    return { kind: 'target', target, span: target.span };
  }
  if (token.kind === 'number') {
    ts.advance();
    return { kind: 'number', value: token.value, span: ts.spanFrom(token.start) };
  }
  const name = expectName(ts, 'a value (a number, a location name, or a register or location such as 1:r0 or [y])');
  return { kind: 'address', name: name.text, span: ts.spanFrom(name.start) };
}

/**
 * Parses `locations [x; 1:r0; y;]` with the cursor on `locations`: the extra
 * registers and locations to show in each final state.
 */
export function parseLocations(ts: TokenStream): ConditionTarget[] {
  ts.advance();
  ts.expectPunct('[', "'[' after 'locations'", 'syntax/unexpected-token', 'write e.g. locations [x; 1:r0;]');
  const targets: ConditionTarget[] = [];
  while (!ts.eatPunct(']')) {
    if (ts.atEof || ts.atSectionStart(false)) ts.failMissing("']' to close 'locations ['");
    // herd7's state parser takes only `x` and `1:r0` here, not `[x]` or `*x` as in conditions.
    if (ts.atPunct('[') || ts.atPunct('*')) {
      const token = ts.current;
      ts.failExpected('a location or a register', 'syntax/unexpected-token',
        `herd7 lists locations by name here: write 'x', not '${token.text === '[' ? '[x]' : '*x'}'`);
    }
    targets.push(parseConditionTarget(ts));
    if (!ts.eatPunct(';') && !ts.atPunct(']')) ts.failMissing("';' or ']' after the location");
  }
  return targets;
}

function expectName(ts: TokenStream, what: string): Token {
  const token = ts.current;
  if (token.kind !== 'ident' || CONDITION_KEYWORDS.has(token.text)) ts.failExpected(what);
  return ts.advance();
}

/** Skips a proposition nested too deeply to parse; `true` stands in for it. */
function skipTooDeep(ts: TokenStream): Prop {
  ts.skipBalanced(neverStop, true);
  return { kind: 'true', span: ts.span(ts.current.start, ts.current.start) };
}

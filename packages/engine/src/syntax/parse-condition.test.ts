import { describe, expect, it } from 'vitest';
import type { Prop } from './ast.ts';
import { parseLitmus } from './parse-litmus.ts';

const TEST = 'C T\n{}\nP0(int *x) { }\n';

/** Parses `clauses` after a minimal test (they start on line 4). */
function parseClauses(clauses: string) {
  return parseLitmus(TEST + clauses);
}

function condition(clauses: string) {
  const { ast, diagnostics } = parseClauses(clauses);
  expect(diagnostics).toEqual([]);
  return ast?.condition;
}

/** Fully parenthesised rendering of a proposition. */
function show(p: Prop): string {
  switch (p.kind) {
    case 'atom': {
      const name = (t: typeof p.target) => (t.kind === 'register' ? `${t.thread}:${t.name}` : `[${t.name}]`);
      const target = name(p.target);
      const value = p.value.kind === 'number' ? String(p.value.value) : p.value.kind === 'address' ? `&${p.value.name}` : name(p.value.target);
      return `${target}${p.op}${value}`;
    }
    case 'and':
      return `(${show(p.left)} /\\ ${show(p.right)})`;
    case 'or':
      return `(${show(p.left)} \\/ ${show(p.right)})`;
    case 'implies':
      return `(${show(p.left)} => ${show(p.right)})`;
    case 'not':
      return `~${show(p.operand)}`;
    default:
      return p.kind;
  }
}

const prop = (clause: string): string => {
  const found = condition(clause);
  if (found === undefined) throw new Error('no condition');
  return show(found.prop);
};

describe('conditions', () => {
  it('reads registers, locations in every spelling, and values', () => {
    expect(prop('exists (1:r0=1 /\\ x=2 /\\ [y]=-3 /\\ *z=0x10 /\\ 2:r1=x /\\ P1:r2!=0 /\\ w==4)')).toBe(
      '((((((1:r0=1 /\\ [x]=2) /\\ [y]=-3) /\\ [z]=16) /\\ 2:r1=&x) /\\ 1:r2!=0) /\\ [w]=4)',
    );
  });

  it('follows herd7: ~ tightest, then implication (right-associative), then /\\, then \\/', () => {
    expect(prop('exists ~a=1 /\\ b=1 \\/ c=1 => d=1 -> e=1')).toBe(
      '((~[a]=1 /\\ [b]=1) \\/ ([c]=1 => ([d]=1 => [e]=1)))',
    );
    expect(prop('exists a=1 /\\ b=1 => c=1')).toBe('([a]=1 /\\ ([b]=1 => [c]=1))');
    expect(prop('exists not a=1 /\\ b=1')).toBe(
      '(~[a]=1 /\\ [b]=1)',
    );
    expect(prop('exists a=1 \\/ b=1 /\\ c=1')).toBe('([a]=1 \\/ ([b]=1 /\\ [c]=1))');
    expect(prop('exists ~(a=1 \\/ ~~b=1)')).toBe('~([a]=1 \\/ ~~[b]=1)');
  });

  it("reads herd7's other spellings: `<>` for `!=`, a star before a register value", () => {
    expect(prop('exists (x<>1 \\/ 0:r0<>y /\\ 0:r1=*1:r2 /\\ [p]=*P1:r0)')).toBe(
      '([x]!=1 \\/ ((0:r0!=&y /\\ 0:r1=1:r2) /\\ [p]=1:r0))',
    );
    // herd7's lexer wants `<>` in one piece.
    expect(parseClauses('exists (x< >1)').diagnostics.map((d) => d.message)).toEqual([
      "expected '=' or '!=' after the register or location, but found '<'",
    ]);
  });

  it("reads herd7's older `final` (an `exists`) and skips a `with` list of expected results", () => {
    expect(condition('final (x=1)')?.quantifier).toBe('exists');
    expect(prop('final (x=1 /\\ 0:r0=2);')).toBe('([x]=1 /\\ 0:r0=2)');
    const { ast, diagnostics } = parseClauses('exists (x=1) with tso: exists; sc: ~exists; lkmm: not exists; a: forall\nlocations [y]');
    expect(diagnostics).toEqual([]);
    expect(ast?.condition?.quantifier).toBe('exists');
    expect(ast?.locations.map((t) => t.name)).toEqual(['y']);
    expect(parseClauses('exists (x=1) with tso exists').diagnostics[0]?.message).toBe(
      "expected ':' after 'tso', as in 'tso: exists', but found 'exists'",
    );
  });

  it("reads herd7's older `observed`: groups of `;`-ended comparisons joined by `and`, an `exists`", () => {
    expect(condition('observed 1:r0=1; 1:r1=0; and 1:r0=0;')?.quantifier).toBe('exists');
    expect(prop('observed 1:r0=1; 1:r1=0; and 1:r0=0;')).toBe('((1:r0=1 /\\ 1:r1=0) \\/ 1:r0=0)');
    expect(prop('Observed x<>1; and')).toBe('([x]!=1 \\/ true)');
    expect(prop('observed')).toBe('true');
    expect(parseClauses('observed 1:r0=1 and 1:r0=0;').diagnostics[0]?.message).toBe(
      "expected ';' after each comparison of 'observed', as in 'observed 1:r0=1; 1:r1=0;', but found 'and'",
    );
    expect(parseClauses('observed 1:r0=1;\nlocations [x;]').diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['syntax/misplaced-clause', "'locations' comes after 'observed'"],
    ]);
  });

  it('reads true, false and parentheses', () => {
    expect(prop('exists (true /\\ (false))')).toBe('(true /\\ false)');
  });

  it.each([
    ['exists (x=1)', 'exists'],
    ['~exists (x=1)', 'not exists'],
    ['~ exists (x=1)', 'not exists'],
    ['forall (x=1)', 'forall'],
    ['exists x=1;', 'exists'],
  ])('reads the quantifier of %s', (clause, quantifier) => {
    expect(condition(clause)?.quantifier).toBe(quantifier);
  });

  it('gives atoms, targets and the final condition exact spans', () => {
    expect(condition('~exists (0:r0=1 /\\ [y]=2)')).toEqual({
      quantifier: 'not exists',
      prop: {
        kind: 'and',
        left: {
          kind: 'atom',
          target: { kind: 'register', thread: 0, name: 'r0', span: { line: 4, column: 10, endLine: 4, endColumn: 14 } },
          op: '=',
          value: { kind: 'number', value: 1, span: { line: 4, column: 15, endLine: 4, endColumn: 16 } },
          span: { line: 4, column: 10, endLine: 4, endColumn: 16 },
        },
        right: {
          kind: 'atom',
          target: { kind: 'location', name: 'y', span: { line: 4, column: 20, endLine: 4, endColumn: 23 } },
          op: '=',
          value: { kind: 'number', value: 2, span: { line: 4, column: 24, endLine: 4, endColumn: 25 } },
          span: { line: 4, column: 20, endLine: 4, endColumn: 25 },
        },
        span: { line: 4, column: 10, endLine: 4, endColumn: 25 },
      },
      span: { line: 4, column: 1, endLine: 4, endColumn: 26 },
    });
  });

  it('reads locations and filter, in any order, each at most once', () => {
    const { ast, diagnostics } = parseClauses('exists (x=1)\nfilter (0:r0=1 /\\ ~(x=0))\nlocations [x; 1:r0; y]');
    expect(diagnostics).toEqual([]);
    expect(ast?.locations.map((t) => (t.kind === 'register' ? `${t.thread}:${t.name}` : t.name))).toEqual([
      'x', '1:r0', 'y',
    ]);
    expect(ast?.filter && show(ast.filter)).toBe('(0:r0=1 /\\ ~[x]=0)');
    expect(parseClauses('locations []\nlocations [x]').diagnostics.map((d) => d.code)).toEqual(['syntax/duplicate-clause']);
    // herd7 refuses the condition's [x] and *x in a locations list.
    for (const form of ['[y]', '*y']) {
      const refused = parseClauses(`locations [x; ${form};]`).diagnostics;
      expect(refused.map((d) => `${d.span.column} ${d.code}`)).toEqual(['15 syntax/unexpected-token']);
      expect(refused[0]?.hint).toBe(`herd7 lists locations by name here: write 'x', not '${form[0] === '[' ? '[x]' : '*x'}'`);
    }
    expect(parseClauses('locations [x y]').diagnostics[0]?.message).toBe(
      "expected ';' or ']' after the location, but found 'y'",
    );
  });

  it('accepts a test without a final condition', () => {
    const { ast, diagnostics } = parseClauses('');
    expect(diagnostics).toEqual([]);
    expect(ast?.condition).toBeUndefined();
  });

  it('reports malformed atoms where they go wrong', () => {
    const at = (clause: string) =>
      parseClauses(clause).diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.message}`);
    expect(at('exists (1:r0 1)')).toEqual(["4:14 expected '=' or '!=' after the register or location, but found '1'"]);
    expect(at('exists ()')).toEqual(["4:9 expected a condition such as 1:r0=1, but found ')'"]);
    expect(at('locations [true]')).toEqual(["4:12 expected a register like 1:r0 or a location like x, but found 'true'"]);
    expect(at('exists (x=1')).toEqual(["4:12 expected ')' to match the '(' on line 4, but found the end of the file"]);
    expect(at('exists (x=1 /\\ )')).toEqual(["4:16 expected a condition such as 1:r0=1, but found ')'"]);
    expect(at('exists (1:=1)')).toEqual(["4:11 expected a register name after '1:', but found '='"]);
    expect(at('exists (x=)')).toEqual(["4:11 expected a value (a number, a location name, or a register or location such as 1:r0 or [y]), but found ')'"]);
    expect(at('~ (x=1)')).toEqual([
      "4:1 expected another thread or a condition such as 'exists (0:r0=1)', but found '~'",
    ]);
  });
});

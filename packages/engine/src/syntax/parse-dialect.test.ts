// herd7's C dialect, as its splitter and C front end read it (herdtools7
// lib/splitter.mll, lib/CLexer.mll, lib/stateParser.mly): what may stand
// between the header and the init block, which words are names, and the
// location-to-location atoms of conditions. The verdicts on these forms are
// checked against herd7 in corpus/lkmm/dialect.
import { describe, expect, it } from 'vitest';
import { parseLitmus } from './parse-litmus.ts';
import type { Prop } from './ast.ts';

const body = '{\n}\nP0(int *x) { WRITE_ONCE(*x, 1); }\nexists (x=1)\n';

describe('the preamble before the init block', () => {
  it('keeps diy\'s quoted cycle line as the doc string and its Key=value lines as information', () => {
    const { ast, diagnostics } = parseLitmus(`C SB+diy\n"PodWR Fre PodWR Fre"\nCycle=Fre PodWR Fre PodWR\nRelax=Fre\nSafe=PodWR\nPrefetch=0:x=F,0:y=T\nCom=Fr Fr\nOrig=PodWR Fre PodWR Fre\n${body}`);
    expect(diagnostics).toEqual([]);
    expect(ast?.doc).toBe('PodWR Fre PodWR Fre');
    expect(ast?.info?.map((i) => [i.key, i.value])).toEqual([
      ['Cycle', 'Fre PodWR Fre PodWR'], ['Relax', 'Fre'], ['Safe', 'PodWR'], ['Prefetch', '0:x=F,0:y=T'], ['Com', 'Fr Fr'], ['Orig', 'PodWR Fre PodWR Fre'],
    ]);
    expect(ast?.info?.[0]?.span).toEqual({ line: 3, column: 1, endLine: 3, endColumn: 26 });
    expect(ast?.threads).toHaveLength(1);
  });

  it('reads a (texname), a doc string and a ; on the header line', () => {
    const { ast, diagnostics } = parseLitmus(`C T (Tex) "the doc";\n${body}`);
    expect(diagnostics).toEqual([]);
    expect(ast?.name.name).toBe('T');
    expect(ast?.doc).toBe('the doc');
  });

  it('takes the unroll bound from Unroll=N, unless a @unroll comment gives one', () => {
    expect(parseLitmus(`C T\nUnroll=5\n${body}`).ast?.unroll).toBe(5);
    expect(parseLitmus(`C T\n// @unroll 3\nUnroll=5\n${body}`).ast?.unroll).toBe(3);
    const bad = parseLitmus(`C T\nUnroll=many\n${body}`);
    expect(bad.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning syntax/bad-unroll']);
  });

  it('skips a repeated header silently and other text with a warning, as herd7 skips both', () => {
    expect(parseLitmus(`C T\nC T\n${body}`).diagnostics).toEqual([]);
    const { ast, diagnostics } = parseLitmus(`C T\nInitially, the stack is a -> b -> c\n${body}`);
    expect(ast?.threads).toHaveLength(1);
    expect(diagnostics).toEqual([{
      code: 'syntax/ignored-text',
      message: 'this text before the initial state block is ignored (herd7 skips it too)',
      span: { line: 2, column: 1, endLine: 2, endColumn: 36 },
      severity: 'warning',
      hint: "make it a comment (* ... *), or an information line 'Key=value'",
    }]);
  });

  it('still asks for the init block when a thread comes first', () => {
    expect(parseLitmus('C T\nCycle=Fre\nP0() {}\n').diagnostics.map((d) => d.code)).toEqual(['syntax/missing-init']);
  });
});

describe('names', () => {
  it('reads C keywords herd7 does not know as names, in the code, the init block and the condition', () => {
    const { ast, diagnostics } = parseLitmus('C T\n{ 0:continue = 1; default = 2; }\nP0(int *default) {\n\tif (continue) continue = 0;\n\tint break = READ_ONCE(*default);\n\twhile (1) { break; }\n}\nexists (0:continue=0 /\\ 0:break=2)\n');
    expect(diagnostics).toEqual([]);
    const [first, , loop] = ast!.threads[0]!.body.body;
    expect(first).toMatchObject({ kind: 'if', test: { kind: 'name', name: 'continue' }, then: { kind: 'expr', expr: { kind: 'assign', target: { kind: 'name', name: 'continue' } } } });
    expect(loop).toMatchObject({ kind: 'while', body: { kind: 'block', body: [{ kind: 'break' }] } });
    expect(ast!.init.map((i) => i.target.name)).toEqual(['continue', 'default']);
  });

  it('reads true, false and NULL as names, not constants', () => {
    const { ast } = parseLitmus('C T\n{}\nP0() { int r0 = true + false + NULL; }\n');
    const decl = ast!.threads[0]!.body.body[0];
    expect(JSON.stringify(decl)).not.toContain('"kind":"number"');
  });
});

describe('location-to-location atoms', () => {
  const atoms = (condition: string): string[] => {
    const { ast, diagnostics } = parseLitmus(`C T\n{}\nP0(int *x) {}\nexists (${condition})\n`);
    expect(diagnostics).toEqual([]);
    const out: string[] = [];
    const walk = (p: Prop): void => {
      if (p.kind === 'atom') {
        const name = (t: typeof p.target) => (t.kind === 'register' ? `${t.thread}:${t.name}` : `[${t.name}]`);
        const v = p.value;
        out.push(`${name(p.target)}${p.op}${v.kind === 'target' ? `target ${name(v.target)}` : v.kind === 'address' ? `address ${v.name}` : `number ${v.value}`}`);
      } else if (p.kind === 'and' || p.kind === 'or' || p.kind === 'implies') {
        walk(p.left);
        walk(p.right);
      }
    };
    walk(ast!.condition!.prop);
    return out;
  };

  it('compares with another register or location when the right side names one', () => {
    expect(atoms('1:r1=1:r2 /\\ P1:r1=P0:r3 /\\ [x]=[y] /\\ x=*y /\\ 0:r1=[y] /\\ [x]=0:r2 /\\ 1:r1!=1:r2')).toEqual([
      '1:r1=target 1:r2', '1:r1=target 0:r3', '[x]=target [y]', '[x]=target [y]', '0:r1=target [y]', '[x]=target 0:r2', '1:r1!=target 1:r2',
    ]);
  });

  it('keeps a bare name on the right an address, and numbers numbers', () => {
    expect(atoms('x=y /\\ 0:r0=x /\\ 0:r0=-1 /\\ 0:r0=2')).toEqual(['[x]=address y', '0:r0=address x', '0:r0=number -1', '0:r0=number 2']);
  });
});

describe("herd7's regions: clause", () => {
  const threads = 'C T\n{ }\nP0(int *x) { WRITE_ONCE(*x, 1); }\n';
  const codes = (text: string) => parseLitmus(text).diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.code}`);

  it('reads the memory map after the last thread, before the conditions', () => {
    const { ast, diagnostics } = parseLitmus(`${threads}regions: x: global, y: shared local\nlocations [x]\nexists (x=1)\n`);
    expect(diagnostics).toEqual([]);
    expect(ast?.regions?.map((r) => [r.location.name, r.regions.map((g) => g.name)])).toEqual([['x', ['global']], ['y', ['shared', 'local']]]);
    expect(ast?.regions?.[1]?.span).toEqual({ line: 4, column: 21, endLine: 4, endColumn: 36 });
    expect(ast?.locations).toHaveLength(1);
    expect(ast?.condition?.quantifier).toBe('exists');
  });

  it('accepts an empty map, and spaces or comments around the colons', () => {
    expect(parseLitmus(`${threads}regions:\nexists (x=1)\n`).ast?.regions).toEqual([]);
    expect(parseLitmus(`${threads}regions : x (* c *) : a b , y:c\nexists (x=1)\n`).diagnostics).toEqual([]);
  });

  it('refuses what herd7 refuses: before a thread, after a condition, twice, or a location without regions', () => {
    expect(codes(`${threads}regions: x: a\nP1(int *x) { }\nexists (x=1)\n`)).toEqual(['5:1 syntax/misplaced-thread']);
    expect(codes(`${threads}exists (x=1)\nregions: x: a\n`)).toEqual(['5:1 syntax/misplaced-regions']);
    expect(codes(`C T\n{ }\nregions: x: a\nP0(int *x) { }\nexists (x=1)\n`)).toEqual(['3:1 syntax/misplaced-regions', '4:1 syntax/misplaced-thread']);
    expect(codes(`${threads}regions: x: a regions: y: b\nexists (x=1)\n`)).toEqual(['4:15 syntax/duplicate-clause']);
    expect(codes(`${threads}regions: x\nexists (x=1)\n`)).toEqual(['4:11 syntax/unexpected-token']);
    expect(codes(`${threads}regions: x: a,\nexists (x=1)\n`)).toEqual(['5:1 syntax/unexpected-token']);
  });

  it('makes regions a keyword in the code, as in herd7, but a name in the init block and the conditions', () => {
    expect(codes('C T\n{ }\nP0(int *x) { int regions; regions = 1; }\nexists (x=1)\n')).toEqual(['3:18 syntax/unexpected-token', '3:27 syntax/unexpected-token']);
    expect(codes('C T\n{ regions=3; }\nP0(int *x) { WRITE_ONCE(*x, 1); }\nexists (regions=3 /\\ x=1)\n')).toEqual([]);
  });
});

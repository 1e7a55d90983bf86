// herd7's Hash= line. Every expected hash here is what herd7 7.58 printed
// (herd7 -conf linux-kernel.cfg with the reference LKMM) for the test as
// written; corpus/herd-hashes.tsv holds its hashes for the golden corpus.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { herdHash, type HerdHash } from './herd-hash.ts';

function hashOf(source: string): HerdHash {
  const { ast, diagnostics } = parseLitmus(source);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return herdHash(source, ast!);
}

const own = `C own-hash
Hash=0123456789abcdef0123456789abcdef

{}

P0(int *x)
{
	WRITE_ONCE(*x, 1);
}

exists (x=1)
`;

const pointers = `C pointers
(* Pointer types: parameters and init items *)

{
int *p = &x;
y = 2;
}

P0(int **p, volatile int *y)
{
	int *r0;

	r0 = READ_ONCE(*p);
	WRITE_ONCE(*r0, 1);
}

P1(int* x, int *p)
{
	int r1;
	/* a comment inside a body { with a brace } */
	r1 = READ_ONCE(*x);
}

exists (1:r1=1 /\\ p=x)
`;

const initKinds = `C init-kinds
MemoryType=ignored
{
	int z = 0x10;
	atomic_t v = ATOMIC_INIT(-1);
	[w] = 3;
	0:r2 = 5;
	x;
	y = x;
}

P0(int *x, int *y, int *z, atomic_t *v, int *w)
{
	int r0;
	int r2;

	r0 = READ_ONCE(*x);
	atomic_inc(v);
}

locations [z; 0:r2]
exists (0:r0=0 /\\ v=0 /\\ w=3)
`;

// The same test without its MemoryType line (the name does not count).
const initKindsNoMt = initKinds.replace('C init-kinds\nMemoryType=ignored\n', 'C init-kinds-nomt\n');

const bodyText = `C body-text

{}

// a comment between functions is dropped
P0(int *x)
{
  WRITE_ONCE(*x, 1);   // trailing comment stays
}

P1(int *x)
{
	int r0;

	r0 = READ_ONCE(*x);
}

exists (1:r0=1)
`;

describe('herdHash', () => {
  it('uses a Hash= information line as it is (herd7 7.58 printed 0123456789abcdef0123456789abcdef)', () => {
    expect(hashOf(own)).toEqual({ hash: '0123456789abcdef0123456789abcdef' });
  });

  it('hashes pointer types in parameters and init items (herd7 7.58: 08eb2ed97ade978444d19c42098e79dc)', () => {
    expect(hashOf(pointers)).toEqual({ hash: '08eb2ed97ade978444d19c42098e79dc' });
  });

  it('hashes an init block of several kinds: typed, hexadecimal, ATOMIC_INIT, [x], a register, no value, an address (herd7 7.58)', () => {
    expect(hashOf(initKindsNoMt)).toEqual({ hash: '120f04d60c224b7fe73bedea39ef30b1' });
  });

  it('digests a MemoryType information line (herd7 7.58: 936285cf22fa33c2cd736215481fe5c7)', () => {
    expect(hashOf(initKinds)).toEqual({ hash: '936285cf22fa33c2cd736215481fe5c7' });
  });

  it('keeps a body\'s raw text but not the comments between functions (herd7 7.58: b4566d6232b59dce4b46a5c66d472c6a)', () => {
    expect(hashOf(bodyText)).toEqual({ hash: 'b4566d6232b59dce4b46a5c66d472c6a' });
    const outside = bodyText.replace('// a comment between functions is dropped', '/* another */');
    expect(hashOf(outside)).toEqual({ hash: 'b4566d6232b59dce4b46a5c66d472c6a' });
    const inside = bodyText.replace('// trailing comment stays', '// another comment');
    expect(hashOf(inside)).not.toEqual({ hash: 'b4566d6232b59dce4b46a5c66d472c6a' });
  });

  it('hashes the bytes: CRLF line ends and UTF-8 comments count as herd7 reads them (herd7 7.58)', () => {
    expect(hashOf(bodyText.replace(/\n/g, '\r\n'))).toEqual({ hash: 'de2be09fc5cb318b742d46523eef708f' });
    const mp = 'C utf8\n{}\nP0(int *x, int *y)\n{\n\tWRITE_ONCE(*x, 1);\n\tsmp_wmb(); // ordre \u2192 \u00e9critures\n\tWRITE_ONCE(*y, 1);\n}\n'
      + 'P1(int *x, int *y)\n{\n\tint r0;\n\tint r1;\n\tr0 = READ_ONCE(*y);\n\tsmp_rmb();\n\tr1 = READ_ONCE(*x);\n}\nexists (1:r0=1 /\\ 1:r1=0)\n';
    expect(hashOf(mp)).toEqual({ hash: '62ff5d23ebf24c6920bba9d9429a8a06' });
  });

  it('ignores the name, the doc string and the condition\'s values, but not its locations', () => {
    const renamed = bodyText.replace('C body-text', 'C other-name "doc"').replace('1:r0=1', '1:r0=0');
    expect(hashOf(renamed)).toEqual(hashOf(bodyText));
    expect(hashOf(bodyText.replace('exists (1:r0=1)', 'exists (1:r0=1 /\\ x=1)'))).not.toEqual(hashOf(bodyText));
  });

  it('gives no hash where herd7 refuses the init block (a pointer to pointer)', () => {
    const refused = pointers.replace('int *p = &x;', 'int *p = &x;\nint **pp = &p;');
    expect(hashOf(refused)).toHaveProperty('why');
  });

  it('gives no hash for a parameter type herd7 does not read (herd7 7.58 stops: unexpected \'unsigned\')', () => {
    expect(hashOf(bodyText.replace('P0(int *x)', 'P0(unsigned long *x)'))).toHaveProperty('why');
  });
});

describe('herdHash on the golden corpus', () => {
  const corpus = fileURLToPath(new URL('../../corpus/', import.meta.url));
  const rows = readFileSync(`${corpus}herd-hashes.tsv`, 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split('\t') as [string, string]);

  it('has herd7\'s hash for every test of the corpus herd7 reads', () => {
    expect(rows.length).toBeGreaterThanOrEqual(430);
  });

  it('equals herd7\'s hash on each of them', () => {
    const wrong = rows.filter(([path, hash]) => {
      const h = hashOf(readFileSync(`${corpus}${path}`, 'utf8'));
      return !('hash' in h) || h.hash !== hash;
    });
    expect(wrong).toEqual([]);
  });
});

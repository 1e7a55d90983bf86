import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureIo as capture } from '../cli/capture-io.ts';
import { main } from '../cli/main.ts';


const mp = `C MP+wmb+rmb
{}
P0(int *x, int *y)
{
	WRITE_ONCE(*x, 1);
	smp_wmb();
	WRITE_ONCE(*y, 1);
}
P1(int *x, int *y)
{
	int r0;
	int r1;
	r0 = READ_ONCE(*y);
	smp_rmb();
	r1 = READ_ONCE(*x);
}
exists (1:r0=1 /\\ 1:r1=0)
`;

const sb = `C SB
{}
P0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); r0 = READ_ONCE(*y); }
P1(int *x, int *y) { int r0; WRITE_ONCE(*y, 1); r0 = READ_ONCE(*x); }
exists (0:r0=0 /\\ 1:r0=0)
`;

const broken = `C broken
{}
P0(int *x) { WRITE_ONCE(*x, 1) smp_mb(); }
P1(int *x) { smp_mbb(); }
exists (0:r0=0)
`;

describe('barrier-lab litmus', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'barrier-lab-litmus-'));
    await mkdir(join(dir, 'folder'));
    await writeFile(join(dir, 'folder', 'mp.litmus'), mp);
    await writeFile(join(dir, 'folder', 'sb.litmus'), sb);
    await writeFile(join(dir, 'folder', 'notes.txt'), 'not a litmus test');
    await writeFile(join(dir, 'broken.litmus'), broken);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints herd7 blocks for every test in a folder, sorted, and exits 0', async () => {
    const io = capture();
    expect(await main(['litmus', join(dir, 'folder')], io)).toBe(0);
    expect(io.stdout.match(/^Test /gm)).toHaveLength(2);
    expect(io.stdout.indexOf('Test MP+wmb+rmb Allowed')).toBeLessThan(io.stdout.indexOf('Test SB Allowed'));
    expect(io.stdout).toContain('Observation MP+wmb+rmb Never 0 3\n');
    expect(io.stdout).toContain('Observation SB Sometimes 1 3\n');
    // herd7 7.58 ends each block with these Hash lines for the same two tests, after the Time line.
    expect(io.stdout).toMatch(/^Time SB \d+\.\d\d\nHash=f49bd0baebf1db2cbf88689f53c5389f\n\n/m);
    expect(io.stdout).toMatch(/^Time MP\+wmb\+rmb \d+\.\d\d\nHash=a326eb4850979f5edeaf590401dbe5b9\n\n/m);
    // The summary goes to stderr, so stdout stays herd7's.
    expect(io.stderr).toMatch(/^Summary: 2 tests in \d+\.\d\d s with \d+ jobs? \(.*\): 1 Never, 1 Sometimes, 0 Always, 0 inconclusive, 0 errors\nWorkers: \d+ processes .*, peak memory per worker up to [\d.]+ MB RSS\nSlowest: /);
  });

  it('keeps the Hash line when --no-time drops the Time line', async () => {
    const io = capture();
    expect(await main(['litmus', '--no-time', join(dir, 'folder', 'sb.litmus')], io)).toBe(0);
    expect(io.stdout).not.toContain('Time ');
    expect(io.stdout).toMatch(/\nObservation SB Sometimes 1 3\nHash=f49bd0baebf1db2cbf88689f53c5389f\n\n$/);
  });

  it('gives the tso verdict when asked: SB is still allowed, MP is not', async () => {
    const io = capture();
    expect(await main(['litmus', '--model', 'tso', join(dir, 'folder')], io)).toBe(0);
    expect(io.stdout).toContain('Observation SB Sometimes');
    expect(io.stdout).toContain('Observation MP+wmb+rmb Never');
  });

  it('reports a bad file with line, column and caret, runs the others, and exits 1', async () => {
    const io = capture();
    const code = await main(['litmus', join(dir, 'broken.litmus'), join(dir, 'folder', 'sb.litmus')], io);
    expect(code).toBe(1);
    expect(io.stderr).toContain(`${join(dir, 'broken.litmus')}:3:32: error:`);
    expect(io.stderr).toMatch(/\n3 \| P0\(int \*x\) \{ WRITE_ONCE\(\*x, 1\) smp_mb\(\); \}\n {2}\| {32}\^/);
    expect(io.stdout).toContain('Test SB Allowed');
  });

  it('names an unknown primitive with a suggestion', async () => {
    const io = capture();
    await writeFile(join(dir, 'typo.litmus'), broken.replace('WRITE_ONCE(*x, 1) smp_mb();', 'WRITE_ONCE(*x, 1);'));
    expect(await main(['litmus', join(dir, 'typo.litmus')], io)).toBe(1);
    expect(io.stderr).toContain("unknown primitive 'smp_mbb'");
    expect(io.stderr).toContain('did you mean `smp_mb()`?');
  });

  it("reports a name once per run, as herd7 does: a later test with a name already run is noted on stderr only; a '.litmus' suffix is not part of the name", async () => {
    await mkdir(join(dir, 'same-name'));
    await writeFile(join(dir, 'same-name', 'a.litmus'), sb.replace('C SB', 'C SB.litmus'));
    // The same name over a different test: herd7 prints nothing for it either.
    await writeFile(join(dir, 'same-name', 'b.litmus'), mp.replace('C MP+wmb+rmb', 'C SB'));
    await writeFile(join(dir, 'same-name', 'c.litmus'), mp);
    const io = capture();
    expect(await main(['litmus', '--no-time', join(dir, 'same-name')], io)).toBe(0);
    expect(io.stdout.match(/^Test \S+/gm)).toEqual(['Test SB', 'Test MP+wmb+rmb']);
    expect(io.stdout).toContain('Observation SB Sometimes 1 3\n');
    expect(io.stderr).toContain(`${join(dir, 'same-name', 'b.litmus')}: not reported: test SB already ran from ${join(dir, 'same-name', 'a.litmus')}`);
    // b.litmus is another test under the same name: herd7 would report 'Different hashes for test SB' and skip it.
    expect(io.stderr).toContain(`; another test (its hash differs: herd7 reports 'Different hashes for test SB' and skips it)`);
    expect(io.stderr).toMatch(/Summary: 3 tests .*: 1 Never, 1 Sometimes, 0 Always, 0 inconclusive, 0 errors, 1 not reported \(a name already run\)/);
    const json = capture();
    expect(await main(['litmus', '--json', '--no-time', join(dir, 'same-name')], json)).toBe(0);
    const lines = json.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => l.status ?? l.type)).toEqual(['complete', 'duplicate', 'complete', 'summary']);
    expect(lines[1]).toMatchObject({ test: 'SB', sameNameAs: join(dir, 'same-name', 'a.litmus'), sameHash: false });
    expect(lines[3]).toMatchObject({ tests: 3, duplicates: 1 });
  });

  it('says when a test with a name already run is the same test (the same hash), as herd7 skips it silently', async () => {
    await mkdir(join(dir, 'same-test'));
    await writeFile(join(dir, 'same-test', 'a.litmus'), sb);
    // Another name line and doc string, the same test for herd7's hash.
    await writeFile(join(dir, 'same-test', 'b.litmus'), sb.replace('C SB', 'C SB "a copy"'));
    const io = capture();
    expect(await main(['litmus', '--no-time', join(dir, 'same-test')], io)).toBe(0);
    expect(io.stderr).toContain(`${join(dir, 'same-test', 'b.litmus')}: not reported: test SB already ran from ${join(dir, 'same-test', 'a.litmus')} (a name runs once per command, as in herd7); the same test (same hash)\n`);
  });

  it('prints one JSON line per test with --json, then a summary line', async () => {
    const io = capture();
    expect(await main(['litmus', '--json', join(dir, 'folder')], io)).toBe(0);
    const lines = io.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => l.type)).toEqual(['result', 'result', 'summary']);
    const [mpResult, sbResult, summary] = lines;
    expect(mpResult).toMatchObject({ file: join(dir, 'folder', 'mp.litmus'), status: 'complete', model: 'lkmm', test: 'MP+wmb+rmb' });
    expect(mpResult.verdict.observation).toBe('Never');
    expect(mpResult.verdict.states).toHaveLength(3);
    expect(sbResult.verdict.observation).toBe('Sometimes');
    // herd7 7.58's Hash lines for these tests, as a top-level field (and in the verdict).
    expect(mpResult.hash).toBe('a326eb4850979f5edeaf590401dbe5b9');
    expect(sbResult.hash).toBe('f49bd0baebf1db2cbf88689f53c5389f');
    expect(sbResult.verdict.hash).toBe('f49bd0baebf1db2cbf88689f53c5389f');
    expect(summary).toMatchObject({ tests: 2, never: 1, sometimes: 1, always: 0, inconclusive: 0, errors: 0 });
  });

  it('bounds the witnesses with --witnesses, the bad outcome first', async () => {
    const io = capture();
    expect(await main(['litmus', '--json', '--witnesses', '1', join(dir, 'folder', 'sb.litmus')], io)).toBe(0);
    const { verdict } = JSON.parse(io.stdout.trimEnd());
    expect(verdict.states).toHaveLength(4);
    expect(verdict.witnesses).toHaveLength(1);
    expect(verdict.witnessesOmitted).toBe(3);
    // SB's bad outcome (both read 0) is the one kept.
    const kept = verdict.states.find((s: { witness?: number }) => s.witness === 0);
    expect(kept.satisfies).toBe(true);
    const none = capture();
    await main(['litmus', '--json', '--witnesses', '0', join(dir, 'folder', 'sb.litmus')], none);
    expect(JSON.parse(none.stdout.trimEnd()).verdict.witnesses).toEqual([]);
  });

  it('keeps one witness per test by default in JSON, however many states: 30 results with hundreds of states each stay small lines', async () => {
    // Four CPUs each store a value and read the others: hundreds of final states.
    const cpu = (i: number) => `P${i}(int *a, int *b, int *c, int *d) { int r0; int r1; WRITE_ONCE(*${'abcd'[i]}, ${i + 1}); r0 = READ_ONCE(*${'abcd'[(i + 1) % 4]}); r1 = READ_ONCE(*${'abcd'[(i + 2) % 4]}); }`;
    const many = `C many-states\n{}\n${[0, 1, 2, 3].map(cpu).join('\n')}\nlocations [0:r1; 1:r1; 2:r1; 3:r1;]\nexists (0:r0=0 /\\ 1:r0=0 /\\ 2:r0=0 /\\ 3:r0=0)\n`;
    await mkdir(join(dir, 'many'));
    for (let i = 0; i < 30; i++) await writeFile(join(dir, 'many', `many-${String(i).padStart(2, '0')}.litmus`), many.replace('many-states', `many-states-${i}`));
    const io = capture();
    expect(await main(['litmus', '--json', '--jobs', '2', join(dir, 'many')], io)).toBe(0);
    const lines = io.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(31);
    for (const line of lines.slice(0, 30)) {
      const { verdict } = JSON.parse(line);
      expect(verdict.states.length).toBeGreaterThan(100);
      expect(verdict.witnesses).toHaveLength(1);
      expect(verdict.witnessesOmitted).toBe(verdict.states.length - 1);
      expect(line.length).toBeLessThan(200_000);
    }
  }, 120_000);

  it('rejects an unknown model and missing paths', async () => {
    const io = capture();
    expect(await main(['litmus', '--model', 'arm', join(dir, 'folder')], io)).toBe(2);
    expect(io.stderr).toContain("unknown model 'arm'");
    const io2 = capture();
    expect(await main(['litmus', join(dir, 'nope.litmus')], io2)).toBe(1);
    expect(io2.stderr).toBe(`${join(dir, 'nope.litmus')}: error: no such file or folder [file/not-found]\n`);
  });
});

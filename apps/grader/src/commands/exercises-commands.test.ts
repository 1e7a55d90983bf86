// `barrier-lab exercises`, `show` and `check`, end to end through main().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exercise, exercises, type CodeExercise } from '@barrier-lab/exercises';
import { captureIo as capture } from '../cli/capture-io.ts';
import { main } from '../cli/main.ts';

const mp = exercise('mp-wmb-rmb') as CodeExercise;

describe('barrier-lab exercises', () => {
  it('lists every exercise by chapter', async () => {
    const io = capture();
    expect(await main(['exercises'], io)).toBe(0);
    expect(io.stdout).toContain('Chapter 2: Message passing');
    for (const e of exercises()) expect(io.stdout).toContain(e.id);
    expect(io.stdout).toContain(`${exercises().length} exercises.`);
  });

  it('prints JSON with id, chapter and title', async () => {
    const io = capture();
    expect(await main(['exercises', '--json'], io)).toBe(0);
    const rows = JSON.parse(io.stdout) as { id: string; chapter: number; title: string }[];
    expect(rows.find((r) => r.id === mp.id)).toMatchObject({ chapter: 2, title: mp.title, referenceCost: 8 });
    expect(rows).toHaveLength(exercises().length);
  });
});

describe('barrier-lab show', () => {
  it('prints the starter code exactly', async () => {
    const io = capture();
    expect(await main(['show', mp.id], io)).toBe(0);
    expect(io.stdout).toBe(mp.starter.source);
  });

  it('prints the task and hints as comments, so the output still checks', async () => {
    const io = capture();
    expect(await main(['show', '--task', '--hints', '2', mp.id], io)).toBe(0);
    expect(io.stdout).toContain('// Graded under: tso, lkmm.');
    expect(io.stdout).toContain('// Hint (concept):');
    expect(io.stdout).not.toContain('Hint (line)');
  });

  it('says which exercise is unknown and suggests near ones', async () => {
    const io = capture();
    expect(await main(['show', 'mp'], io)).toBe(1);
    expect(io.stderr).toContain("no exercise 'mp'");
    expect(io.stderr).toContain('mp-wmb-rmb');
  });
});

describe('barrier-lab check', () => {
  let dir: string;
  const file = (name: string) => join(dir, name);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'barrier-lab-check-'));
    await writeFile(file('solution.litmus'), mp.solutions[0]!.source);
    await writeFile(file('starter.litmus'), mp.starter.source);
    await writeFile(file('over.litmus'), mp.overFenced!.source);
    await writeFile(file('edited.litmus'), mp.starter.source.replace('WRITE_ONCE(*flag, 1);', 'WRITE_ONCE(*flag, 2);'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 for a correct answer', async () => {
    const io = capture();
    expect(await main(['check', mp.id, file('solution.litmus')], io)).toBe(0);
    expect(io.stdout).toContain('✔ correct');
    expect(io.stdout).toContain('Cost: 8');
  });

  it('exits 1 with the counterexample for a wrong answer', async () => {
    const io = capture();
    expect(await main(['check', mp.id, file('starter.litmus')], io)).toBe(1);
    expect(io.stdout).toContain('✘ incorrect');
    expect(io.stdout).not.toContain('A repair');
    expect(io.stdout).toContain('Counterexample under lkmm:');
    expect(io.stdout).toContain('read 0, the initial value');
  });

  it('adds the cheapest repair on request', async () => {
    const io = capture();
    expect(await main(['check', '--repair', mp.id, file('starter.litmus')], io)).toBe(1);
    expect(io.stdout).toMatch(/A repair \(cost 8\):\n {2}insert smp_wmb\(\)/);
  });

  it('exits 1 with the cheaper barrier for an over-fenced answer', async () => {
    const io = capture();
    expect(await main(['check', mp.id, file('over.litmus')], io)).toBe(1);
    expect(io.stdout).toContain('~ over-fenced');
    expect(io.stdout).toContain('smp_wmb() is enough');
  });

  it('exits 2 with a caret under an edit the exercise does not allow', async () => {
    const io = capture();
    expect(await main(['check', mp.id, file('edited.litmus')], io)).toBe(2);
    expect(io.stdout).toMatch(/edited\.litmus:12:2: error: Only barrier and flush statements may change/);
    expect(io.stdout).toContain('^^^');
  });

  it('prints the whole result as JSON', async () => {
    const io = capture();
    expect(await main(['check', '--json', mp.id, file('solution.litmus')], io)).toBe(0);
    expect(JSON.parse(io.stdout)).toMatchObject({ exercise: mp.id, status: 'correct', cost: 8, referenceCost: 8 });
  });

  it('exits 2 on bad usage, a missing file or an unknown exercise', async () => {
    expect(await main(['check', mp.id], capture())).toBe(2);
    expect(await main(['check', mp.id, file('nope.litmus')], capture())).toBe(2);
    expect(await main(['check', 'nope', file('solution.litmus')], capture())).toBe(2);
  });
});

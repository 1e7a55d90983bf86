// `barrier-lab exercises`, `show` and `check`, end to end through main().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exercise, exercises, type CodeExercise, type PredictExercise } from '@barrier-lab/exercises';
import { captureIo as capture } from '../cli/capture-io.ts';
import { main } from '../cli/main.ts';

const mp = exercise('mp-wmb-rmb') as CodeExercise;
const sb = exercise('sb-which-models') as PredictExercise;

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
    expect(rows.find((r) => r.id === mp.id)).toMatchObject({ chapter: 2, order: 1, title: mp.title, referenceCost: 8, mayChange: mp.mayChange.sentence });
    expect(rows).toHaveLength(exercises().length);
    // In course order: chapter 3 predicts before it asks for barriers.
    const chapter3 = rows.filter((r) => r.chapter === 3).map((r) => r.id);
    expect(chapter3).toEqual(['sb-which-models', 'sb-full-barriers']);
  });
});

describe('barrier-lab show', () => {
  it('prints the starter code exactly', async () => {
    const io = capture();
    expect(await main(['show', mp.id], io)).toBe(0);
    expect(io.stdout).toBe(mp.starter.source);
  });

  it('prints the task, what may change and hints as comments, so the output still checks', async () => {
    const io = capture();
    expect(await main(['show', '--task', '--hints', '2', mp.id], io)).toBe(0);
    expect(io.stdout).toContain('// Graded under: tso, lkmm.');
    expect(io.stdout).toContain('// You may change only barriers: add, move or remove smp_mb(), smp_rmb(),\n// smp_wmb(),');
    expect(io.stdout).toContain('// Hint (concept):');
    expect(io.stdout).not.toContain('Hint (line)');
    // Only what the exercise prices is listed: no orderings in this one.
    expect(io.stdout).not.toContain('smp_load_acquire');
    expect(io.stdout.endsWith(mp.starter.source)).toBe(true);
  });

  it('past the last hint prints the reference solution with its why, and says so', async () => {
    const io = capture();
    expect(await main(['show', '--hints', '4', mp.id], io)).toBe(0);
    expect(io.stdout).toContain('// Hint (line):');
    expect(io.stdout).toContain('// No hints left: what follows is the reference solution (solution.litmus), not\n// the starter. Why it works:\n// smp_wmb() keeps');
    expect(io.stdout.endsWith(mp.solutions[0]!.source)).toBe(true);
  });

  it('prints a predict exercise as a template that check accepts once filled in', async () => {
    const io = capture();
    expect(await main(['show', sb.id], io)).toBe(0);
    expect(io.stdout).toContain('#   exists (0:r0=0 /\\ 1:r0=0)');
    expect(io.stdout).toContain('# Replace each ? below with Never, Sometimes or Always.\nsc: ?\ntso: ?\nlkmm: ?\n');
    expect(io.stdout.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toEqual(['sc: ?', 'tso: ?', 'lkmm: ?']);
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
    await writeFile(file('writer-only.litmus'), mp.starter.source.replace('\tWRITE_ONCE(*msg, 1);\n', '\tWRITE_ONCE(*msg, 1);\n\tsmp_wmb();\n'));
    await writeFile(file('edited.litmus'), mp.starter.source.replace('WRITE_ONCE(*flag, 1);', 'WRITE_ONCE(*flag, 2);'));
    await writeFile(file('typo.litmus'), mp.starter.source.replace('\tWRITE_ONCE(*flag, 1);', '\tsmp_wmbb();\n\tWRITE_ONCE(*flag, 1);'));
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

  it('says what a mistake the exercise foresaw misses, under the sentence, as the site does', async () => {
    const io = capture();
    expect(await main(['check', mp.id, file('writer-only.litmus')], io)).toBe(1);
    const note = mp.wrong.find((w) => w.file === 'wrong-only-wmb.litmus')!.note;
    expect(io.stdout.split('\n').slice(1, 3)).toEqual([expect.stringMatching(/^Not yet: /), note]);
    // The starter is no foreseen mistake: no such line.
    const starter = capture();
    await main(['check', mp.id, file('starter.litmus')], starter);
    expect(starter.stdout.split('\n')[2]).toBe('');
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

  it('exits 2 with a caret under an edit the exercise does not allow, saying what may change', async () => {
    const io = capture();
    expect(await main(['check', mp.id, file('edited.litmus')], io)).toBe(2);
    expect(io.stdout).toContain(`edited.litmus:12:2: error: This differs from the starter code of P0. ${mp.mayChange.sentence} [edit/not-allowed]`);
    expect(io.stdout).toContain('^^^');
  });

  it('reads a typo as an unknown primitive, with the one it probably means', async () => {
    const io = capture();
    expect(await main(['check', mp.id, file('typo.litmus')], io)).toBe(2);
    expect(io.stdout).toContain("typo.litmus:12:2: error: unknown primitive 'smp_wmbb' [lower/unknown-primitive]");
    expect(io.stdout).toContain('= hint: did you mean `smp_wmb()`?');
    expect(io.stdout).not.toContain('edit/not-allowed');
  });

  it('round-trips a predict exercise: show > answer, fill in, check', async () => {
    const shown = capture();
    await main(['show', sb.id], shown);
    await writeFile(file('blank.txt'), shown.stdout);
    const blank = capture();
    expect(await main(['check', sb.id, file('blank.txt')], blank)).toBe(2);
    expect(blank.stdout.match(/error:/g)).toHaveLength(1);
    expect(blank.stdout).toContain('error: No prediction yet for sc, tso and lkmm: replace each ? with Never, Sometimes or Always. [predict/missing]');

    await writeFile(file('answer.txt'), shown.stdout.replace('sc: ?', 'sc: Never').replace('tso: ?', 'tso: Sometimes').replace('lkmm: ?', 'lkmm: Sometimes'));
    const right = capture();
    expect(await main(['check', sb.id, file('answer.txt')], right)).toBe(0);
    expect(right.stdout).toContain('✔ correct');
    // sc's condition is not validated (Never), yet the prediction is right: nothing may read as a failure.
    expect(right.stdout).toContain('  sc    ✔ it is Never      you said Never');
    expect(right.stdout).not.toMatch(/FAILS|✘/);
  });

  it('marks only the wrong prediction as wrong', async () => {
    await writeFile(file('wrong.txt'), 'sc: Never\ntso: Never\nlkmm: Sometimes\n');
    const io = capture();
    expect(await main(['check', sb.id, file('wrong.txt')], io)).toBe(1);
    expect(io.stdout).toContain('  tso   ✘ it is Sometimes  you said Never');
    expect(io.stdout.match(/✘/g)).toHaveLength(2); // the headline and tso's line
  });

  it('explains every wrong prediction, each model in its own block with its own counterexample or reason', async () => {
    await writeFile(file('two-wrong.txt'), 'sc: Sometimes\ntso: Never\nlkmm: Never\n');
    const io = capture();
    expect(await main(['check', sb.id, file('two-wrong.txt')], io)).toBe(1);
    const blocks = io.stdout.split('\n\n');
    const sc = blocks.findIndex((b) => b.startsWith('sc: you said Sometimes; it is Never.\nUnder sc it is Never, not Sometimes'));
    expect(sc).toBeGreaterThan(0);
    expect(blocks[sc]).toContain('\nWhy it cannot happen under sc: ');
    expect(blocks[sc + 1]).toMatch(/^tso: you said Never; it is Sometimes\.\nUnder tso it is Sometimes, not Never.*\nTimeline \(CPU 0, CPU 1\):/);
    expect(blocks[sc + 2]).toMatch(/^lkmm: you said Never; it is Sometimes\.\nUnder lkmm it is Sometimes, not Never.*\nTimeline \(CPU 0, CPU 1\):/);
  });

  it('says in one line that an answer file is missing', async () => {
    const io = capture();
    expect(await main(['check', mp.id, file('nope.litmus')], io)).toBe(2);
    expect(io.stderr).toBe(`${file('nope.litmus')}: error: no such file or folder [file/not-found]\n`);
    const folder = capture();
    expect(await main(['check', mp.id, dir], folder)).toBe(2);
    expect(folder.stderr).toBe(`${dir}: error: it is a folder; give a file to read [file/is-folder]\n`);
  });

  it('reads a file as `grade` does: empty, binary or not UTF-8 says so, UTF-16 with a byte order mark is read', async () => {
    await writeFile(file('empty.litmus'), '\n');
    await writeFile(file('binary.litmus'), new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1]));
    await writeFile(file('latin1.litmus'), Buffer.from(`${mp.solutions[0]!.source.replace('\n', '\n// caf\u00e9\n')}`, 'latin1'));
    await writeFile(file('utf16.litmus'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(mp.solutions[0]!.source, 'utf16le')]));
    const empty = capture();
    expect(await main(['check', mp.id, file('empty.litmus')], empty)).toBe(2);
    expect(empty.stdout).toContain(`${file('empty.litmus')}:1:1: error: The file is empty: there is no answer to grade. [submission/empty]\n  = hint: `);
    const binary = capture();
    expect(await main(['check', mp.id, file('binary.litmus')], binary)).toBe(2);
    expect(binary.stdout).toContain(`${file('binary.litmus')}:1:1: error: This is a binary file (a zero byte at offset 4)`);
    expect(binary.stdout).not.toContain('\u0000');
    expect(binary.stdout).not.toContain('syntax/');
    const latin1 = capture();
    expect(await main(['check', mp.id, file('latin1.litmus')], latin1)).toBe(2);
    expect(latin1.stdout).toContain(`${file('latin1.litmus')}:2:7: error: The file is not UTF-8 text: byte 0xE9 at line 2, column 7`);
    const utf16 = capture();
    expect(await main(['check', mp.id, file('utf16.litmus')], utf16)).toBe(0);
    expect(utf16.stdout).toContain('✔ correct');
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

import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../grading/csv.ts';
import { recordsFileName } from '../grading/grade-book.ts';
import { canvasIdentityColumns, moodleIdentityColumns } from '../grading/formats/gradebook-csv.ts';
import { writeZip } from '../grading/archive-zip.ts';
import { capstoneClass, exerciseFile, writeCapstoneClass, writeCourseClass } from '../testing/class-fixture.ts';
import { cli, gradesSchemaErrors, parseJunit, readTree } from '../testing/grade-cli.ts';

// Each run starts worker processes that load the engine from source; give them time on a loaded machine.
const slow = 120_000;

let fixture: ReturnType<typeof writeCapstoneClass>;
let reference: Map<string, string>;
const out = (name: string) => join(fixture.dir, name);
const grade = (name: string, ...extra: string[]) =>
  cli(['grade', '--exercise', 'capstone-patch', '--roster', fixture.roster, '--quiet', '--out', out(name), ...extra, fixture.classDir]);

beforeAll(async () => {
  fixture = writeCapstoneClass();
  const run = await grade('jobs-2', '--jobs', '2');
  expect(run.stderr).not.toMatch(/error/i);
  expect(run.code).toBe(0);
  reference = readTree(out('jobs-2'));
}, slow);

describe('grading a class with every kind of answer', () => {
  it('gives each student the status grade() gives their file, and lists who submitted nothing', () => {
    const grades = JSON.parse(reference.get('grades.json')!) as { grades: { userId: string; status: string; scoreGiven?: number }[] };
    const byStudent = new Map(grades.grades.map((g) => [g.userId, g]));
    for (const s of capstoneClass) expect([s.student, byStudent.get(s.student)?.status]).toEqual([s.student, s.status]);
    expect(byStudent.get('zed')).toMatchObject({ status: 'missing' });
    expect(byStudent.get('zed')?.scoreGiven).toBeUndefined();
    expect(byStudent.get('alice')?.scoreGiven).toBe(10);
    expect(byStudent.get('carol')?.scoreGiven).toBeGreaterThan(0);
    expect(byStudent.get('carol')?.scoreGiven).toBeLessThan(10);
    expect(reference.get('report.txt')).toMatch(/On the roster, submitted nothing \(1\):\n {2}zed/);
  });

  it('says why each bad file is refused', () => {
    const report = reference.get('report.txt')!;
    expect(report).toMatch(/fay.*\n.*binary file/);
    expect(report).toMatch(/gus.*\n.*empty/);
    expect(report).toMatch(/hal.*\n.*not UTF-8 text: byte 0xE9 at line \d+, column \d+/);
    expect(report).toMatch(/ivy.*\n.*longer than 100000 characters/);
    expect(report).toMatch(/jon.*\n.*bytes; an answer is at most 1024 KiB, so it was not read/);
    expect(report).toMatch(/erin.*\n.*Line \d+, column \d+/);
    expect(report).toMatch(/README\.md: not a \.c, \.litmus or \.txt file/);
  });

  it('writes byte-identical reports whatever --jobs', async () => {
    for (const jobs of ['1', '4']) {
      const run = await grade(`jobs-${jobs}`, '--jobs', jobs);
      expect(run.code).toBe(0);
      expect(readTree(out(`jobs-${jobs}`))).toEqual(reference);
    }
  }, slow);

  it('three shards merged are exactly one run; each shard a stable slice', async () => {
    const shards = ['1/3', '2/3', '3/3'];
    for (const [i, shard] of shards.entries()) expect((await grade(`shard-${i}`, '--shard', shard, '--jobs', '2')).code).toBe(0);
    const sizes = shards.map((_, i) => (JSON.parse(readTree(out(`shard-${i}`)).get('grades.json')!) as { grades: unknown[] }).grades.length);
    expect(sizes.reduce((a, b) => a + b)).toBe(capstoneClass.length + 1);
    const merged = await cli(['grade', 'merge', '--out', out('merged'), out('shard-2'), out('shard-0'), out('shard-1')]);
    expect(merged.code).toBe(0);
    expect(readTree(out('merged'))).toEqual(reference);
    const missing = await cli(['grade', 'merge', '--out', out('merged-2'), out('shard-0'), out('shard-2')]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('shard 2/3 is missing') });
  }, slow);

  it('--resume grades only what the records file does not hold, and ends with the same reports', async () => {
    cpSync(out('jobs-2'), out('resumed'), { recursive: true });
    const records = readFileSync(join(out('resumed'), recordsFileName), 'utf8').split('\n');
    // Keep the header and the first five records, as a run stopped half-way leaves them.
    writeFileSync(join(out('resumed'), recordsFileName), `${records.slice(0, 6).join('\n')}\n`);
    const run = await cli(['grade', '--exercise', 'capstone-patch', '--roster', fixture.roster, '--out', out('resumed'), '--resume', fixture.classDir]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/grade: 7 submissions to grade on 2 workers, 5 kept from the last run/);
    expect(readTree(out('resumed'))).toEqual(reference);
    const other = await cli(['grade', '--exercise', 'capstone-patch', '--timeout', '3', '--out', out('resumed'), '--resume', fixture.classDir]);
    expect(other).toMatchObject({ code: 2, stderr: expect.stringContaining('--timeout 10') });
  }, slow);
});

describe('every format is what its reader expects', () => {
  it('grades.json validates against docs/grades.schema.json, with the LTI score fields', () => {
    const text = reference.get('grades.json')!;
    expect(gradesSchemaErrors(text)).toEqual([]);
    const grades = JSON.parse(text) as { complete: boolean; grades: Record<string, unknown>[] };
    expect(grades.complete).toBe(true);
    const bob = grades.grades.find((g) => g.userId === 'bob')!;
    expect(bob).toMatchObject({ scoreGiven: 0, scoreMaximum: 10, gradingProgress: 'FullyGraded', activityProgress: 'Completed' });
    expect((bob.counterexample as { steps: unknown[]; text: string }).text).toMatch(/CPU 1, line \d+: try_grab_folio/);
    expect(gradesSchemaErrors(text.replace('"FullyGraded"', '"Graded"'))).not.toEqual([]);
  });

  it('junit.xml parses and has JUnit\'s shape: a testcase per student, the counterexample inside <failure>', () => {
    const { testsuites } = parseJunit(reference.get('junit.xml')!);
    expect(testsuites).toMatchObject({ name: 'barrier-lab grade', tests: String(capstoneClass.length + 1), time: '0' });
    const [suite] = testsuites.testsuite;
    expect(suite).toMatchObject({ name: 'capstone-patch', tests: String(capstoneClass.length + 1), skipped: '1', errors: '0' });
    expect(suite!.testcase.map((t) => t.name)).toEqual([...capstoneClass.map((s) => s.student), 'zed']);
    const bob = suite!.testcase.find((t) => t.name === 'bob')!;
    expect(bob.failure).toMatchObject({ type: 'incorrect' });
    expect(bob.failure!['#text']).toMatch(/Counterexample under lkmm:\nTimeline \(CPU 0, CPU 1\):/);
    expect(suite!.testcase.find((t) => t.name === 'alice')!.failure).toBeUndefined();
    expect(suite!.testcase.find((t) => t.name === 'zed')!.skipped).toBeDefined();
    expect(Number(suite!.failures)).toBe(capstoneClass.filter((s) => s.status !== 'correct').length);
  });

  it('canvas.csv has Canvas\'s gradebook columns and Points Possible row; moodle.csv Moodle\'s', () => {
    const canvas = parseCsv(reference.get('canvas.csv')!);
    expect(canvas[0]).toEqual([...canvasIdentityColumns, 'capstone-patch']);
    expect(canvas[1]![0]!.trim()).toBe('Points Possible');
    expect(canvas[1]![5]).toBe('10');
    const alice = canvas.find((r) => r[2] === 'alice')!;
    expect(alice).toEqual(['Alice Student', '', 'alice', 'alice@example.edu', '', '10']);
    expect(canvas.find((r) => r[2] === 'zed')![5]).toBe('');
    expect(canvas.find((r) => r[2] === 'zed')![0]).toBe('Zed "Z" Student');
    const moodle = parseCsv(reference.get('moodle.csv')!);
    expect(moodle[0]).toEqual([...moodleIdentityColumns, 'capstone-patch (Real)', 'capstone-patch (Feedback)']);
    expect(moodle.find((r) => r[2] === 'bob')!.slice(0, 5)).toEqual(['Bob', 'Student', 'bob', 'bob@example.edu', '0']);
    expect(moodle.find((r) => r[2] === 'bob')![5]).toMatch(/^Not yet: under lkmm/);
    expect(reference.get('canvas.csv')).toMatch(/\r\n$/);
  });

  it('results/<student>.json are Gradescope results: score, tests with score, max_score, status, output, visibility', () => {
    const results = JSON.parse(reference.get('results/carol.json')!) as Record<string, unknown>;
    expect(results).toMatchObject({ output_format: 'md', visibility: 'visible', stdout_visibility: 'hidden' });
    expect(results.score).toBeCloseTo(7.8);
    const [test] = results.tests as Record<string, unknown>[];
    expect(test).toMatchObject({ max_score: 10, status: 'failed', visibility: 'visible', output_format: 'text' });
    expect(String(test!.output)).toMatch(/smp_mb\(\) is not needed/);
    expect(Object.keys(results).sort()).toEqual(['extra_data', 'output', 'output_format', 'score', 'stdout_visibility', 'tests', 'visibility']);
  });

  it('feedback/<student>.md says what was right, shows the counterexample and the hint', () => {
    expect(reference.get('feedback/bob.md')).toMatch(/### How it goes wrong under lkmm[\s\S]*```text\nTimeline/);
    expect(reference.get('feedback/carol.md')).toMatch(/\*\*Correct, but over-fenced\.\*\* .*Line \d+ \(P0\): smp_mb\(\) is not needed[\s\S]*### What was right\n\n- The property holds under lkmm/);
    expect(reference.get('feedback/erin.md')).toMatch(/### What to fix\n\n```text\n.*capstone-patch\.c:\d+:\d+: error:/);
    expect(reference.get('feedback/zed.md')).toMatch(/Nothing submitted/);
  });
});

describe('other inputs', () => {
  it('a zip of the class grades the same students the same way', async () => {
    const files = [...readTree(fixture.classDir)].map(([path]) => ({ path: `submissions/${path}`, bytes: new Uint8Array(readFileSync(join(fixture.classDir, path))) }));
    const zip = join(fixture.dir, 'class.zip');
    writeFileSync(zip, writeZip(files));
    const run = await cli(['grade', '--exercise', 'capstone-patch', '--quiet', '--out', out('zip'), zip]);
    expect(run.code).toBe(0);
    const statuses = (JSON.parse(readTree(out('zip')).get('grades.json')!) as { grades: { userId: string; status: string }[] }).grades;
    expect(statuses.map((g) => [g.userId, g.status])).toEqual(capstoneClass.map((s) => [s.student, s.status]));
  }, slow);

  it('--course reads each file\'s exercise from its name; a file naming none is listed, not graded', async () => {
    const dir = writeCourseClass();
    const run = await cli(['grade', '--course', '--quiet', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ada\s+mp-wmb-rmb\s+correct\s+10\/10/);
    expect(run.stdout).toMatch(/ada\s+sb-which-models\s+correct\s+10\/10/);
    expect(run.stdout).toMatch(/ben\s+mp-wmb-rmb\s+incorrect\s+0\/10/);
    expect(run.stdout).toMatch(/ben\s+sb-which-models\s+incorrect\s+0\/10/);
    expect(run.stdout).toMatch(/notes\.txt: its name names no exercise/);
  }, slow);

  it('report.txt explains each wrong prediction once; --resume of records without the explanations still writes every format', async () => {
    const dir = writeCourseClass();
    const run = await cli(['grade', '--course', '--quiet', '--out', out('course-old'), dir]);
    expect(run.code).toBe(1); // notes.txt names no exercise
    const fresh = readTree(out('course-old'));
    expect(fresh.get('report.txt')).toMatch(/\n\[1\] sb-which-models, 1 student:\n {2}sc: you said Sometimes; it is Never\.\n {2}Under sc it is Never, not Sometimes: .*\n {2}Why it cannot happen under sc: /);
    expect(fresh.get('report.txt')).toMatch(/^ben, sb-which-models: [\s\S]*\n {2}sc {4}wrong: it is Never, predicted Sometimes; see \[1\] above\n/m);
    // The records as a run from before predictions carried their explanations wrote them.
    const records = join(out('course-old'), recordsFileName);
    const old = readFileSync(records, 'utf8').split('\n').map((line, i) => {
      if (i === 0 || line === '') return line;
      const r = JSON.parse(line) as { predictions?: { model: string; predicted?: string; actual: string; right: boolean }[] };
      if (r.predictions) r.predictions = r.predictions.map(({ model, predicted, actual, right }) => ({ model, ...(predicted ? { predicted } : {}), actual, right }));
      return JSON.stringify(r);
    });
    writeFileSync(records, old.join('\n'));
    const resumed = await cli(['grade', '--course', '--quiet', '--out', out('course-old'), '--resume', dir]);
    expect(resumed.code).toBe(1);
    expect(resumed.stderr).toMatch(/4 kept from the last run/);
    const files = readTree(out('course-old'));
    const report = files.get('report.txt')!;
    expect(report).not.toContain('\nExplanations\n');
    expect(report).toMatch(/^ben, sb-which-models: [\s\S]*\n {2}sc {4}wrong: it is Never, predicted Sometimes\n/m);
    expect(report).toMatch(/\n {4}sc {4}is Never: {6}1 of 2 wrong: 1 said Sometimes\n/);
    expect(gradesSchemaErrors(files.get('grades.json')!)).toEqual([]);
    expect(files.get('feedback/ben.md')).toContain('- sc: you said Sometimes; it is Never.');
  }, slow);

  it('a bad file is that student\'s invalid answer, with its line and column; a whole class of them never stops the batch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'barrier-lab-bad-'));
    const put = (student: string, file: string, bytes: string | Uint8Array) => {
      mkdirSync(join(dir, student), { recursive: true });
      writeFileSync(join(dir, student, file), bytes);
    };
    put('xia', 'sb-which-models.txt', exerciseFile('capstone-patch', 'solution.litmus')); // a program handed in as a prediction
    put('xia', 'capstone-patch.c', exerciseFile('mp-wmb-rmb', 'solution.litmus')); // another exercise's answer
    put('yun', 'sb-which-models.txt', Uint8Array.from({ length: 5_000_000 }, (_, i) => (i * 7919) % 251)); // 5 MB of junk
    put('yun', 'mp-wmb-rmb.txt', exerciseFile('sb-which-models', 'answer.txt')); // a prediction for a code exercise
    put('yun', 'capstone-patch.c', 'int x;\n'.repeat(700_000)); // 5 MB of text
    put('zoe', 'sb-which-models.txt', 'sc: Never\n  tso: Sometims\nlkmm: Sometimes\n');
    put('zoe', 'mp-wmb-rmb.c', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]));
    put('zoe', 'capstone-patch.c', exerciseFile('capstone-patch', 'solution.litmus').replace('smp_rmb();', 'smp_rmb(;'));
    const run = await cli(['grade', '--course', '--quiet', '--jobs', '2', '--out', out('bad'), dir]);
    expect(run.code).toBe(0);
    const files = readTree(out('bad'));
    const grades = (JSON.parse(files.get('grades.json')!) as { grades: { userId: string; exercise: string; status: string; diagnostics: { code: string; line: number; column: number }[] }[] }).grades;
    expect(grades.map((g) => [g.userId, g.exercise, g.status, g.diagnostics[0]?.code, g.diagnostics[0]?.line, g.diagnostics[0]?.column])).toEqual([
      ['xia', 'capstone-patch', 'invalid', 'check/other-exercise', 1, 3], // said to be mp-wmb-rmb's program first
      ['xia', 'sb-which-models', 'invalid', 'check/other-exercise', 1, 3], // capstone-patch's program, said so once
      ['yun', 'capstone-patch', 'invalid', 'submission/too-large', 1, 1],
      ['yun', 'mp-wmb-rmb', 'invalid', 'syntax/missing-header', 1, 1],
      ['yun', 'sb-which-models', 'invalid', 'submission/too-large', 1, 1],
      ['zoe', 'capstone-patch', 'invalid', 'syntax/unexpected-token', 68, 12],
      ['zoe', 'mp-wmb-rmb', 'invalid', 'submission/binary', 1, 1],
      ['zoe', 'sb-which-models', 'invalid', 'predict/syntax', 2, 3],
    ]);
    // A program handed in as a prediction: one diagnostic naming the exercise it belongs to, not one per line.
    const xia = grades.find((g) => g.userId === 'xia' && g.exercise === 'sb-which-models')!;
    expect(xia.diagnostics).toHaveLength(1);
    const report = files.get('report.txt')!;
    expect(report).toMatch(/xia\/sb-which-models\.txt:1:3: error: This is the program of another exercise, "capstone-patch" \(.*\), not a prediction for "sb-which-models"/);
    expect(report).toMatch(/zoe\/sb-which-models\.txt:2:3: error: "Sometims" is not an outcome/);
    expect(report).toMatch(/zoe\/mp-wmb-rmb\.c:1:1: error: This is a binary file .*\n {4}= hint: Submit the text file of your answer itself/);
  }, slow);

  it('one student for Gradescope: results.json at the top, nothing submitted still gives a result', async () => {
    const run = await cli(['grade', '--exercise', 'sb-which-models', '--student', 'submission', '--format', 'results.json', '--quiet', '--out', out('gs'), join(fixture.classDir, 'alice')]);
    expect(run.code).toBe(0);
    const results = JSON.parse(readTree(out('gs')).get('results.json')!) as { score: number; tests: { status: string }[] };
    expect(results.score).toBe(0);
    expect(results.tests).toEqual([expect.objectContaining({ status: 'failed' })]);
  }, slow);

  it('bad usage is refused with the reason', async () => {
    expect(await cli(['grade', fixture.classDir])).toMatchObject({ code: 2, stderr: expect.stringContaining('give --exercise ID or --course') });
    expect(await cli(['grade', '--exercise', 'nope', fixture.classDir])).toMatchObject({ code: 2, stderr: expect.stringContaining("no exercise 'nope'") });
    expect(await cli(['grade', '--course', '--shard', '4/3', '--out', out('x'), fixture.classDir])).toMatchObject({ code: 2, stderr: expect.stringContaining('i must be between 1 and n') });
    expect(await cli(['grade', '--course', '--format', 'pdf', '--out', out('x'), fixture.classDir])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown format pdf') });
    expect(await cli(['grade', '--course', '--jobs', '0', fixture.classDir])).toMatchObject({ code: 2, stderr: expect.stringContaining('--jobs takes a number') });
    expect(await cli(['grade', '--course', '--format', 'junit.xml', fixture.classDir])).toMatchObject({ code: 2, stderr: expect.stringContaining('--format needs --out') });
    expect(await cli(['grade', '--course', '--resume', fixture.classDir])).toMatchObject({ code: 2, stderr: expect.stringContaining('--resume needs --out') });
  });

  it('an --out that is a file, or under one, is refused in one line before anything is graded', async () => {
    const file = out('a-file');
    writeFileSync(file, 'not a folder\n');
    const onFile = await cli(['grade', '--course', '--out', file, fixture.classDir]);
    expect(onFile).toMatchObject({ code: 2, stderr: `${file}: error: it is a file; --out takes a folder [file/not-a-folder]\n` });
    const under = await cli(['grade', '--course', '--out', join(file, 'grades'), fixture.classDir]);
    expect(under).toMatchObject({ code: 2, stderr: `${join(file, 'grades')}: error: no such file or folder (a part of the path is a file, not a folder) [file/not-found]\n` });
    const merge = await cli(['grade', 'merge', '--out', file, fixture.classDir]);
    expect(merge.code).toBe(2);
    expect(merge.stderr).not.toContain('    at ');
    // A missing parent is made.
    expect((await cli(['grade', '--exercise', 'mp-wmb-rmb', '--quiet', '--out', out('new/deep/grades'), writeCourseClass()])).code).toBe(0);
    expect(readTree(out('new/deep/grades')).has('report.txt')).toBe(true);
  }, slow);

  it('--exercise over students\' folders given one by one: another exercise\'s file is counted, never a student of its own', async () => {
    // (ada's notes.txt is still read as the answer of a student "notes", by the file-name rule: see docs/grader.md.)
    const dir = writeCourseClass();
    const run = await cli(['grade', '--exercise', 'sb-which-models', '--quiet', join(dir, 'ada'), join(dir, 'ben')]);
    expect(run.stdout).toMatch(/^ada +sb-which-models +correct +10\/10$/m);
    expect(run.stdout).toMatch(/^ben +sb-which-models +incorrect +0\/10$/m);
    expect(run.stdout).not.toMatch(/^mp-wmb-rmb /m);
    expect(run.stdout).toContain('\n  2 files named after another exercise, not sb-which-models [input/other-exercise]\n');
  }, slow);

  it('a path that does not exist is a note and exit 1; the rest is graded', async () => {
    const run = await cli(['grade', '--exercise', 'mp-wmb-rmb', '--quiet', join(fixture.dir, 'nowhere'), writeCourseClass()]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/nowhere: no such file or folder \[file\/not-found\]/);
    expect(run.stdout).toMatch(/ada\s+mp-wmb-rmb\s+correct/);
  }, slow);
});

describe('the exercise files the fixture uses', () => {
  it('exist', () => {
    expect(exerciseFile('capstone-patch', 'solution.litmus')).toMatch(/^C capstone-patch/);
  });
});

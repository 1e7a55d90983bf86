import { describe, expect, it } from 'vitest';
import { assignSubmissions, exerciseInName } from './assign-submissions.ts';
import type { FoundFile } from './collect-files.ts';
import { formatCsv, parseCsv } from './csv.ts';
import { decodeSubmission } from './decode-submission.ts';
import { parseRoster, rosterIndex } from './roster.ts';
import { parseShard, shardFromEnvironment, shardOf } from './shard.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const file = (root: string, ...parts: string[]): FoundFile => ({ origin: [root, ...parts].join('/'), root, parts, explicit: false, bytes: bytes('x') });

describe('csv', () => {
  it('round-trips quotes, commas, line breaks and leading spaces', () => {
    const rows = [['a', 'b,c', 'say "hi"'], ['multi\nline', ' padded', '']];
    expect(parseCsv(formatCsv(rows))).toEqual(rows);
    expect(formatCsv(rows)).toBe('a,"b,c","say ""hi"""\r\n"multi\nline"," padded",\r\n');
  });

  it('reads semicolons, tabs, a BOM and LF line ends', () => {
    expect(parseCsv('\uFEFFid;name\n1;Ann\n')).toEqual([['id', 'name'], ['1', 'Ann']]);
    expect(parseCsv('id\tname\r\n1\tAnn')).toEqual([['id', 'name'], ['1', 'Ann']]);
  });
});

describe('roster', () => {
  it('reads a plain roster, with or without a header', () => {
    const withHeader = parseRoster('Email,Student ID,Name\nann@x.edu,a1,Ann Lee\n');
    expect(withHeader).toEqual({ entries: [{ id: 'a1', name: 'Ann Lee', email: 'ann@x.edu' }] });
    expect(parseRoster('a1,Ann Lee,ann@x.edu\nb2,Bo Chen,bo@x.edu\n')).toMatchObject({ entries: [{ id: 'a1' }, { id: 'b2' }] });
  });

  it('reads a Canvas gradebook export: SIS User ID is the id, its Points Possible row is skipped', () => {
    const canvas = 'Student,ID,SIS User ID,SIS Login ID,Section,Quiz (12)\n    Points Possible,,,,,10\n"Lee, Ann",101,a1,ann@x.edu,S1,\n';
    expect(parseRoster(canvas)).toEqual({ entries: [{ id: 'a1', name: 'Lee, Ann', email: 'ann@x.edu', canvasId: '101', login: 'ann@x.edu', section: 'S1' }] });
  });

  it('reads a Moodle export: ID number, first and last name', () => {
    expect(parseRoster('First name,Last name,ID number,Email address\nAnn,Lee,a1,ann@x.edu\n')).toEqual({ entries: [{ id: 'a1', name: 'Ann Lee', email: 'ann@x.edu' }] });
  });

  it('refuses duplicate ids and rows without one, with the line', () => {
    expect(parseRoster('id,name\na1,Ann\na1,Bo\n')).toEqual({ problems: ['line 3: student id "a1" is also on line 2'] });
    expect(parseRoster('id,name,email\n,Ann,\n')).toEqual({ problems: ['line 2: no student id or email'] });
  });

  it('matches folder and file names to students: id, email, name in any order, Canvas and Moodle download names', () => {
    const read = parseRoster('Student,ID,SIS User ID,SIS Login ID\n"Lee, Ann",101,a1,ann@x.edu\n"Chen, Bo",102,b2,bo@x.edu\n');
    if (!('entries' in read)) throw new Error('roster');
    const index = rosterIndex(read.entries);
    for (const key of ['a1', 'ann@x.edu', 'ANN', 'leeann', 'Ann Lee', 'leeann_101_5555_capstone-patch', 'Ann Lee_101_assignsubmission_file_']) {
      expect([key, index.match(key)?.id]).toEqual([key, 'a1']);
    }
    expect(index.match('carol')).toBeUndefined();
  });
});

describe('shards', () => {
  it('parses i/n and refuses what is not one', () => {
    expect(parseShard('2/4', {})).toEqual({ shard: { index: 1, count: 4 } });
    expect(parseShard('0/4', {})).toMatchObject({ problem: expect.stringContaining('between 1 and n') });
    expect(parseShard('two', {})).toMatchObject({ problem: expect.stringContaining('i/n') });
  });

  it('reads Kubernetes, Slurm and GitHub Actions variables for --shard auto', () => {
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '2', JOB_COMPLETIONS: '5' })).toEqual({ shard: { index: 2, count: 5 } });
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '2' })).toMatchObject({ problem: expect.stringContaining('JOB_COMPLETIONS') });
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '1' })).toEqual({ shard: { index: 2, count: 4 } });
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ shard: { index: 0, count: 4 } });
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '6', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_STEP: '2' })).toEqual({ shard: { index: 3, count: 4 } });
    expect(shardFromEnvironment({ BARRIER_LAB_SHARD_INDEX: '1', BARRIER_LAB_SHARD_COUNT: '2' })).toEqual({ shard: { index: 1, count: 2 } });
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '9', SLURM_ARRAY_TASK_COUNT: '4' })).toMatchObject({ problem: expect.stringContaining('outside 0..3') });
    expect(shardFromEnvironment({})).toMatchObject({ problem: expect.stringContaining('found no shard') });
  });

  it('puts each student in one shard, the same whatever else is in the class, spread over all shards', () => {
    const students = Array.from({ length: 400 }, (_, i) => `student-${i}`);
    const counts = [0, 0, 0, 0];
    for (const s of students) counts[shardOf(s, 4)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(60);
    expect(shardOf('alice', 4)).toBe(shardOf('alice', 4));
    expect(shardOf('alice', 1)).toBe(0);
  });
});

describe('decoding a submission', () => {
  it('takes UTF-8 (with or without a BOM) and UTF-16 with a BOM', () => {
    expect(decodeSubmission(bytes('C x\n'))).toEqual({ text: 'C x\n' });
    expect(decodeSubmission(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('C x')]))).toEqual({ text: 'C x' });
    expect(decodeSubmission(new Uint8Array([0xff, 0xfe, ...Buffer.from('C é', 'utf16le')]))).toEqual({ text: 'C é' });
  });

  it('refuses empty, binary and non-UTF-8 files with where and why', () => {
    expect(decodeSubmission(bytes(' \n\t'))).toMatchObject({ problem: { code: 'submission/empty' } });
    expect(decodeSubmission(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0]))).toMatchObject({ problem: { code: 'submission/binary' } });
    expect(decodeSubmission(new Uint8Array([...bytes('ok\nab'), 0xe9, 0x0a]))).toMatchObject({
      problem: { code: 'submission/encoding', span: { line: 2, column: 3 }, message: expect.stringContaining('byte 0xE9 at line 2, column 3') },
    });
  });
});

describe('tying files to students and exercises', () => {
  it('finds the exercise at the end of a file name, after a separator', () => {
    expect(exerciseInName('capstone-patch')).toEqual({ exercise: 'capstone-patch', rest: '' });
    expect(exerciseInName('alice_capstone-patch')).toEqual({ exercise: 'capstone-patch', rest: 'alice' });
    expect(exerciseInName('gup-must-unshare-rmb')).toEqual({ exercise: 'gup-must-unshare-rmb', rest: '' });
    expect(exerciseInName('notes')).toBeUndefined();
  });

  it('takes the student from the folder, the file name or the input, and grades one file per student and exercise', () => {
    const { submissions, unassigned } = assignSubmissions([
      file('class', 'alice', 'capstone-patch.c'),
      file('class', 'alice', 'draft.c'),
      file('class', 'bob.c'),
      file('bob-folder', 'capstone-patch.litmus'),
    ], { exercise: 'capstone-patch' });
    expect(unassigned).toEqual([]);
    expect(submissions.map((s) => [s.student, s.path, s.ignored])).toEqual([
      ['alice', 'class/alice/capstone-patch.c', ['class/alice/draft.c']],
      ['bob', 'class/bob.c', []],
      ['bob-folder', 'bob-folder/capstone-patch.litmus', []],
    ]);
  });

  it('with --course, a file naming no exercise is not graded; with a roster, names map to ids', () => {
    const read = parseRoster('id,name,email\nu1,Alice Ng,alice@x.edu\n');
    if (!('entries' in read)) throw new Error('roster');
    const { submissions, unassigned, notOnRoster } = assignSubmissions([
      file('class', 'alice', 'mp-wmb-rmb.c'),
      file('class', 'alice', 'notes.txt'),
      file('class', 'zoe', 'mp-wmb-rmb.c'),
    ], { roster: read.entries });
    expect(submissions.map((s) => [s.student, s.exercise])).toEqual([['u1', 'mp-wmb-rmb'], ['zoe', 'mp-wmb-rmb']]);
    expect(unassigned.map((u) => [u.path, u.code])).toEqual([['class/alice/notes.txt', 'input/no-exercise']]);
    expect(notOnRoster).toEqual(['zoe']);
  });

  it('with --exercise, another exercise\'s file in a student\'s folder is neither an answer nor a student', () => {
    const { submissions, unassigned } = assignSubmissions([
      file('alice', 'mp-wmb-rmb.c'),
      file('alice', 'sb-which-models.txt'),
      file('elena', 'lb-control-dependencies.txt'),
    ], { exercise: 'mp-wmb-rmb' });
    expect(submissions.map((s) => [s.student, s.path, s.ignored])).toEqual([['alice', 'alice/mp-wmb-rmb.c', []]]);
    expect(unassigned.map((u) => [u.path, u.code, u.reason])).toEqual([
      ['alice/sb-which-models.txt', 'input/other-exercise', 'named after another exercise, sb-which-models'],
      ['elena/lb-control-dependencies.txt', 'input/other-exercise', 'named after another exercise, lb-control-dependencies'],
    ]);
    // One upload for one student (Gradescope) is still graded, to say it is the wrong program.
    const one = assignSubmissions([file('submission', 'sb-which-models.txt')], { exercise: 'mp-wmb-rmb', student: 'submission' });
    expect(one.submissions.map((s) => [s.student, s.exercise])).toEqual([['submission', 'mp-wmb-rmb']]);
  });

  it('grades the file named after the exercise before a draft whose name only starts with it', () => {
    const { submissions } = assignSubmissions([
      file('class', 'zoe', 'mp-wmb-rmb-old.litmus'),
      file('class', 'zoe', 'mp-wmb-rmb.litmus'),
      file('class', 'zoe', 'notes-mp.c'),
    ], { exercise: 'mp-wmb-rmb' });
    expect(submissions.map((s) => [s.path, s.ignored])).toEqual([['class/zoe/mp-wmb-rmb.litmus', ['class/zoe/mp-wmb-rmb-old.litmus', 'class/zoe/notes-mp.c']]]);
  });

  it('a file with no student name anywhere in its path is not graded, and says that, not that it names no exercise', () => {
    const { submissions, unassigned } = assignSubmissions([{ ...file('', 'mp-wmb-rmb.c'), origin: '/mp-wmb-rmb.c' }], {});
    expect(submissions).toEqual([]);
    expect(unassigned).toEqual([{ path: '/mp-wmb-rmb.c', code: 'input/no-student', reason: expect.stringContaining('no student name in its path') }]);
  });
});

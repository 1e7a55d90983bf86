// A small class for the grader's tests, written into a temporary folder:
// one folder per student with every kind of answer and every kind of bad
// file, a roster with a student who submitted nothing, and a course-mode
// folder whose files are named after their exercises.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerTemplate, exercise } from '@barrier-lab/exercises';

const exercises = new URL('../../../../packages/exercises/exercises/', import.meta.url);

/** A file of an exercise folder, as text. */
export function exerciseFile(exercise: string, file: string): string {
  return readFileSync(new URL(`${exercise}/${file}`, exercises), 'utf8');
}

/** What each capstone student of the fixture submitted, and the status grading must give. */
export const capstoneClass: readonly { student: string; file: string; status: string; content: () => Uint8Array | string }[] = [
  { student: 'alice', file: 'capstone-patch.litmus', status: 'correct', content: () => exerciseFile('capstone-patch', 'solution.litmus') },
  { student: 'bob', file: 'capstone-patch.c', status: 'incorrect', content: () => exerciseFile('capstone-patch', 'starter.litmus') },
  { student: 'carol', file: 'capstone-patch.c', status: 'over-fenced', content: () => exerciseFile('capstone-patch', 'over-fenced.litmus') },
  { student: 'dan', file: 'answer.c', status: 'incorrect', content: () => exerciseFile('capstone-patch', 'wrong-no-rmb.litmus') },
  { student: 'erin', file: 'capstone-patch.c', status: 'invalid', content: () => 'C capstone-patch\n\n{ pte=2; }\n\nP0(int *pte) {\n\tWRITE_ONCE(*pte, 1)\n}\n' },
  { student: 'fay', file: 'capstone-patch.c', status: 'invalid', content: () => new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]) },
  { student: 'gus', file: 'capstone-patch.c', status: 'invalid', content: () => '' },
  { student: 'hal', file: 'capstone-patch.c', status: 'invalid', content: () => latin1(exerciseFile('capstone-patch', 'solution.litmus').replace('\n', '\n// café (saved as Latin-1)\n')) },
  { student: 'ivy', file: 'capstone-patch.c', status: 'invalid', content: () => `// ${'x'.repeat(200_000)}\n${exerciseFile('capstone-patch', 'solution.litmus')}` },
  { student: 'jon', file: 'capstone-patch.c', status: 'invalid', content: () => new Uint8Array(1024 * 1024 + 10).fill(0x41) },
  { student: 'kim', file: 'capstone-patch.c', status: 'invalid', content: () => exerciseFile('capstone-patch', 'solution.litmus').replace('smp_rmb();', 'while (1) { smp_rmb(); }') },
  { student: 'lea', file: 'capstone-patch.c', status: 'correct', content: () => utf16(exerciseFile('capstone-patch', 'solution-wmb.litmus')) },
];

/** Roster lines: everyone above, and `zed`, who submitted nothing. */
export function rosterCsv(): string {
  const rows = capstoneClass.map((s) => `${s.student},${s.student[0]!.toUpperCase()}${s.student.slice(1)} Student,${s.student}@example.edu`);
  return ['Student ID,Name,Email', ...rows, 'zed,Zed "Z" Student,zed@example.edu', ''].join('\r\n');
}

/** Writes the capstone class (one folder per student) and its roster into a new temporary folder. */
export function writeCapstoneClass(): { dir: string; classDir: string; roster: string } {
  const dir = mkdtempSync(join(tmpdir(), 'barrier-lab-grade-'));
  const classDir = join(dir, 'class');
  for (const s of capstoneClass) {
    mkdirSync(join(classDir, s.student), { recursive: true });
    writeFileSync(join(classDir, s.student, s.file), s.content());
  }
  writeFileSync(join(classDir, 'README.md'), 'not an answer');
  const roster = join(dir, 'roster.csv');
  writeFileSync(roster, rosterCsv());
  return { dir, classDir, roster };
}

/** Writes a course-mode folder: files named after their exercises, two students. */
export function writeCourseClass(): string {
  const dir = mkdtempSync(join(tmpdir(), 'barrier-lab-course-'));
  const put = (student: string, file: string, text: string) => {
    mkdirSync(join(dir, student), { recursive: true });
    writeFileSync(join(dir, student, file), text);
  };
  put('ada', 'mp-wmb-rmb.litmus', exerciseFile('mp-wmb-rmb', 'solution.litmus'));
  // A prediction as a student writes it: the template `barrier-lab show` prints, each ? replaced.
  const sb = exercise('sb-which-models');
  if (sb?.kind !== 'predict') throw new Error('sb-which-models is a predict exercise');
  const template = answerTemplate(sb, { withProgram: true });
  expectTemplate(template);
  put('ada', 'sb-which-models.txt', template.replace(/^(\w+): \?$/gm, (_, model: string) => `${model}: ${sb.answer[model]}`));
  put('ada', 'notes.txt', 'my notes');
  put('ben', 'mp-wmb-rmb.c', exerciseFile('mp-wmb-rmb', 'starter.litmus'));
  put('ben', 'sb-which-models.txt', exerciseFile('sb-which-models', 'wrong-sc-too.txt'));
  return dir;
}

function expectTemplate(template: string): void {
  if (!/^lkmm: \?$/m.test(template)) throw new Error('the predict template has no "lkmm: ?" line to fill');
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0) & 0xff));
}

function utf16(text: string): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
}

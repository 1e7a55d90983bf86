// Which student and which exercise each file is. The exercise is the one
// given (`--exercise`) or read from the file's name (`--course`: the longest
// exercise id the name ends with); the student is the folder below the
// input (`alice/...`), else the rest of the file's name (`alice.c`,
// `alice_capstone-patch.c`), else the input's own name (`grade --course
// alice/`), or the one given with `--student`. With a roster, that name is
// matched to a student (roster.ts). One file per student and exercise is
// graded; the others are named in the record as ignored.
import { createHash } from 'node:crypto';
import { exercise as findExercise, exercises } from '@barrier-lab/exercises';
import type { FoundFile } from './collect-files.ts';
import { compareText } from './grade-record.ts';
import { rosterIndex, type RosterEntry } from './roster.ts';

/** A file tied to a student and an exercise: one task for a worker. */
export interface Submission {
  readonly student: string;
  readonly exercise: string;
  readonly path: string;
  readonly bytes?: Uint8Array;
  readonly unreadable?: { readonly code: string; readonly message: string };
  /** SHA-256 (hex) of the bytes; empty when they could not be read. */
  readonly sha256: string;
  readonly ignored: readonly string[];
}

/** How files are tied to students and exercises. */
export interface AssignOptions {
  /** Every file answers this exercise (`--exercise`); otherwise the exercise comes from each file's name (`--course`). */
  readonly exercise?: string;
  /** Every file is this student's (`--student`, as in Gradescope, which grades one student at a time). */
  readonly student?: string;
  readonly roster?: readonly RosterEntry[];
}

/** The submissions, in record order, and the files that are not one (with why). */
export function assignSubmissions(files: readonly FoundFile[], options: AssignOptions): {
  submissions: Submission[];
  /**
   * Files that are no submission: `input/no-exercise` (--course, a name that
   * names none), `input/other-exercise` (--exercise, a name that names
   * another one) or `input/no-student`.
   */
  unassigned: { path: string; code: string; reason: string }[];
  /** Students found in the files but not on the roster (when there is one). */
  notOnRoster: string[];
} {
  const index = options.roster ? rosterIndex(options.roster) : undefined;
  const unassigned: { path: string; code: string; reason: string }[] = [];
  const notOnRoster = new Set<string>();
  const groups = new Map<string, { student: string; exercise: string; files: { file: FoundFile; rank: number }[] }>();
  for (const file of files) {
    const name = file.parts[file.parts.length - 1] ?? file.root;
    const stem = name.replace(/\.[^.]*$/, '');
    const named = options.exercise ? { exercise: options.exercise, rest: stripExercise(stem, options.exercise) } : exerciseInName(stem);
    const other = options.exercise && !options.student ? exerciseInName(stem) : undefined;
    if (other && other.exercise !== options.exercise) {
      // Another exercise's file in a student's folder: not an answer to this one, nor a student's name (--student, one
      // upload to one exercise, still grades it, to say it is the wrong program).
      unassigned.push({ path: file.origin, code: 'input/other-exercise', reason: `named after another exercise, ${other.exercise}` });
      continue;
    }
    if (!named) {
      unassigned.push({ path: file.origin, code: 'input/no-exercise', reason: 'its name names no exercise (with --course, name each file after its exercise: capstone-patch.c)' });
      continue;
    }
    const key = options.student ?? (file.parts.length >= 2 ? file.parts[0]! : named.rest || file.root);
    if (!key) {
      unassigned.push({ path: file.origin, code: 'input/no-student', reason: 'no student name in its path; put it in a folder named after the student' });
      continue;
    }
    const entry = index?.match(key);
    if (index && !entry) notOnRoster.add(key);
    const student = entry?.id ?? key;
    const id = `${student}\u0000${named.exercise}`;
    const group = groups.get(id) ?? { student, exercise: named.exercise, files: [] };
    group.files.push({ file, rank: preference(name, named.rest, named.exercise) });
    groups.set(id, group);
  }
  const submissions: Submission[] = [];
  for (const group of groups.values()) {
    const [chosen, ...others] = group.files.sort((a, b) => a.rank - b.rank || compareText(a.file.origin, b.file.origin));
    const file = chosen!.file;
    submissions.push({
      student: group.student, exercise: group.exercise, path: file.origin,
      ...(file.bytes ? { bytes: file.bytes } : {}),
      ...(file.problem ? { unreadable: file.problem } : {}),
      sha256: file.bytes ? createHash('sha256').update(file.bytes).digest('hex') : '',
      ignored: others.map((o) => o.file.origin),
    });
  }
  submissions.sort((a, b) => compareText(a.student, b.student) || compareText(a.exercise, b.exercise) || compareText(a.path, b.path));
  return { submissions, unassigned, notOnRoster: [...notOnRoster].sort(compareText) };
}

/** The exercise a file stem names (the longest id it ends with, after a separator) and what comes before it. */
export function exerciseInName(stem: string): { exercise: string; rest: string } | undefined {
  const lower = stem.toLowerCase();
  let best: string | undefined;
  for (const { id } of exercises()) {
    if (lower === id || (lower.endsWith(id) && /[\s_.-]/.test(lower[lower.length - id.length - 1] ?? ''))) {
      if (!best || id.length > best.length) best = id;
    }
  }
  return best ? { exercise: best, rest: trimSeparators(stem.slice(0, stem.length - best.length)) } : undefined;
}

function stripExercise(stem: string, exercise: string): string {
  return stem.toLowerCase().endsWith(exercise) ? trimSeparators(stem.slice(0, stem.length - exercise.length)) : stem;
}

function trimSeparators(text: string): string {
  return text.replace(/^[\s_.-]+|[\s_.-]+$/g, '');
}

/**
 * Lower is preferred: a file named after the exercise and nothing else
 * (`mp-wmb-rmb.c`), then one whose name starts with it (`mp-wmb-rmb-old.c`,
 * a draft kept beside the answer), then any other; in each, the extension
 * its kind expects first.
 */
function preference(name: string, rest: string, exerciseId: string): number {
  const predict = findExercise(exerciseId)?.kind === 'predict';
  const extension = name.toLowerCase().match(/\.[^.]*$/)?.[0] ?? '';
  const expected = predict ? ['.txt'] : ['.litmus', '.c'];
  return (rest === '' ? 0 : name.toLowerCase().startsWith(exerciseId) ? 2 : 4) + (expected.includes(extension) ? 0 : 1);
}

// Where a figure's litmus test comes from: written on the page (a `?raw`
// import of a .litmus file), or one of an exercise's own files, so a picture
// of the starter code is always the starter the learner edits.
import { exercise } from '@barrier-lab/exercises';

/** The props by which a figure names its test. */
export interface LitmusSourceProps {
  /** The litmus text itself. */
  readonly source?: string;
  /** An exercise id: the test is one of its files. */
  readonly exercise?: string;
  /** With `exercise`: `starter` (the default; a predict exercise's program) or a file name of its folder (`solution.litmus`). */
  readonly file?: string;
}

/** The litmus text the props name; throws (failing the build) when they name none or a missing file. */
export function litmusSource(props: LitmusSourceProps): string {
  if (props.source !== undefined && props.exercise !== undefined) throw new Error('a figure takes either source or exercise, not both');
  if (props.source !== undefined) return props.source;
  if (props.exercise === undefined) throw new Error('a figure needs source (the litmus text) or exercise (an exercise id)');
  const found = exercise(props.exercise);
  if (!found) throw new Error(`no exercise has the id "${props.exercise}"`);
  const file = props.file ?? 'starter';
  if (file === 'starter') return found.kind === 'predict' ? found.program.source : found.starter.source;
  const files = [
    ...(found.kind === 'predict' ? [found.program] : [found.starter, ...(found.overFenced ? [found.overFenced] : [])]),
    ...found.solutions, ...found.wrong,
  ];
  const match = files.find((f) => f.file === file);
  if (!match) throw new Error(`exercise "${found.id}" has no file "${file}" (it has ${files.map((f) => f.file).join(', ')})`);
  return match.source;
}

/**
 * A test as a page shows it: herd's `(* ... *)` comments become C comments,
 * so the C highlighter does not take an apostrophe inside one for the start
 * of a character literal and colour the rest of the test as a string.
 */
export function displaySource(source: string): string {
  return source.trimEnd().replace(/\(\*([\s\S]*?)\*\)/g, '/*$1*/');
}

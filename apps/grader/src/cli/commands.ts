// The subcommands of `barrier-lab`. Each lives in its own module, loaded only
// when it runs: `barrier-lab litmus` does not load the exercises, nor
// `barrier-lab check` the worker pool, so every command starts as soon as Node
// does (a litmus run over a few tests is mostly start-up).
import type { CliIo } from './io.ts';

/** A subcommand of `barrier-lab`, once loaded. */
export interface Command {
  /** The usage text printed by `barrier-lab help NAME` and `NAME --help`. */
  readonly usage: string;
  /** The usage of each subcommand (`grade merge`), printed by `barrier-lab help NAME SUB`. */
  readonly subcommands?: Readonly<Record<string, string>>;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** A subcommand as the command list knows it, before its module is loaded. */
export interface CommandEntry {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  load(): Promise<Command>;
}

/** Every subcommand, in the order `--help` lists them. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'litmus',
    summary: 'run herd7 C litmus tests under sc, tso or lkmm (herd7-style output, in parallel)',
    load: async () => (await import('../commands/litmus.ts')).litmusCommand,
  },
  {
    name: 'export',
    summary: 'write a program (kernel builtins included) as a plain herd7 C litmus test',
    load: async () => (await import('../commands/export.ts')).exportCommand,
  },
  {
    name: 'exercises',
    summary: 'list the course\'s exercises (id, chapter, kind, title, models)',
    load: async () => (await import('../commands/exercises.ts')).exercisesCommand,
  },
  {
    name: 'show',
    summary: 'print an exercise\'s starter code (and its task, hints, solution)',
    load: async () => (await import('../commands/show.ts')).showCommand,
  },
  {
    name: 'check',
    summary: 'check an answer to an exercise: 0 correct, 1 incorrect, over-fenced or undecided, 2 invalid',
    load: async () => (await import('../commands/check.ts')).checkCommand,
  },
  {
    name: 'grade',
    summary: 'grade a class\'s submissions into report, JSON, JUnit, Canvas, Moodle and Gradescope formats',
    load: async () => (await import('../commands/grade.ts')).gradeCommand,
  },
  {
    name: 'gradescope-bundle',
    summary: 'write the Gradescope autograder zip (setup.sh, run_autograder) for an exercise',
    load: async () => (await import('../commands/gradescope-bundle.ts')).gradescopeBundleCommand,
  },
];

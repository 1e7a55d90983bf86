import type { CliIo } from './io.ts';
import { litmusCommand } from '../commands/litmus.ts';
import { exportCommand } from '../commands/export.ts';
import { exercisesCommand } from '../commands/exercises.ts';
import { showCommand } from '../commands/show.ts';
import { checkCommand } from '../commands/check.ts';
import { gradeCommand } from '../commands/grade.ts';
import { gradescopeBundleCommand } from '../commands/gradescope-bundle.ts';

/** A subcommand of `barrier-lab`. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The usage text printed by `barrier-lab help NAME`. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Every subcommand, in the order `--help` lists them. */
export const commands: Command[] = [litmusCommand, exportCommand, exercisesCommand, showCommand, checkCommand, gradeCommand, gradescopeBundleCommand];

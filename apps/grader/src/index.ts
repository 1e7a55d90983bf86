// @barrier-lab/grader: the barrier-lab command line.
export { main } from './cli/main.ts';
export type { CliIo } from './cli/io.ts';
export { ExitCode } from './cli/io.ts';

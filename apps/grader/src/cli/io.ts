/** Where a command writes: injected so tests can capture output. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether standard error is an interactive terminal (progress bars). */
  readonly isTty: boolean;
}

/** The process's own streams. */
export function processIo(): CliIo {
  // `barrier-lab exercises | head`: the reader goes away early. That is not a
  // failure of ours, so stop quietly instead of dying on an unhandled EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    isTty: Boolean(process.stderr.isTTY),
  };
}

/**
 * Exit codes shared by every subcommand: `inconclusive` when a budget kept
 * some answer from being given (and nothing failed), `interrupted` after
 * Ctrl-C (128 + SIGINT, as shells report it).
 */
export const ExitCode = { ok: 0, failed: 1, usage: 2, inconclusive: 3, interrupted: 130 } as const;

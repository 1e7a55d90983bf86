// Runs the built `barrier-lab` (bin/barrier-lab.mjs, as a user runs it) for
// the benches, and measures it: wall time, and the CPU time of the command
// and every process it started (its workers, V8's helper threads included).
// Node reports no CPU time for a child's children, so the command runs under
// /bin/sh, whose `times` prints what its children (and theirs) used.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const binary = join(dirname(fileURLToPath(import.meta.url)), '../bin/barrier-lab.mjs');

/** How one run of the command went. */
export interface CliRun {
  readonly stdout: string;
  /** Its standard error (without the shell's `times` lines). */
  readonly stderr: string;
  readonly code: number | null;
  /** Wall-clock milliseconds, from spawning to exit. */
  readonly millis: number;
  /** CPU seconds in user mode, workers included. */
  readonly userSeconds: number;
  /** CPU seconds in the kernel, workers included. */
  readonly systemSeconds: number;
}

/** Runs `barrier-lab ARGS` and resolves when it has exited. */
export function runCli(args: readonly string[]): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // `times` prints two lines: the shell's own user and system times, then its children's.
    const script = '"$0" "$@"; code=$?; times >&2; exit $code';
    const child = spawn('/bin/sh', ['-c', script, process.execPath, binary, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const millis = performance.now() - started;
      const lines = stderr.trimEnd().split('\n');
      const children = lines.at(-1)?.match(/^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/);
      if (!children) return reject(new Error(`no CPU times from /bin/sh's times: ${lines.slice(-2).join(' | ')}`));
      resolve({
        stdout,
        stderr: `${lines.slice(0, -2).join('\n')}\n`,
        code,
        millis,
        userSeconds: Number(children[1]) * 60 + Number(children[2]),
        systemSeconds: Number(children[3]) * 60 + Number(children[4]),
      });
    });
  });
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

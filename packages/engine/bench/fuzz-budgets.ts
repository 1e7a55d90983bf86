// Fuzzes the whole pipeline on its budget paths: generated and mutated tests,
// token soups, and tests built to blow a budget (thousands of threads, long
// threads, nested loops, exploding value domains, deep nesting) go through
// runLitmus under small random budgets. It must never throw, and never run
// past its time budget by more than the slack below. Time is the process's
// CPU time (the meter's clock is injected): a loaded machine stretches wall
// time, not the work done past a budget, which is what a hang is. The Vitest
// fuzz test runs the same property on fewer inputs.
//
//   npx tsx packages/engine/bench/fuzz-budgets.ts --runs 100000 [--seed 42]
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuUsage } from 'node:process';
import fc from 'fast-check';
import { runLitmus } from '../src/run/run-litmus.ts';
import type { Budget } from '../src/budget/budget.ts';
import { randomLitmusText } from '../test-support/random-program.ts';
import { fuzzInputs } from './fuzz-parser.ts';
import { loadCorpus } from '../test-support/golden-corpus.ts';

/** Milliseconds of CPU time this process has used. */
export const cpuMillis = (): number => {
  const u = cpuUsage();
  return (u.user + u.system) / 1000;
};

/** How far past its time budget a run may finish: the meter checks the clock every few dozen units of work. */
export const overrunSlackMillis = (budget: Budget): number => 100 + budget.maxMillis / 10;

const threads = (n: number, body: string) =>
  `C many-threads\n{}\n${Array.from({ length: n }, (_, i) => `P${i}(int *x) { ${body.replaceAll('#', String(i % 3))} }`).join('\n')}\nexists (x=0)\n`;

/** Tests made to hit a budget somewhere: huge, branching, or deep. */
const stressors: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 50, max: 3000 }), fc.constantFrom('WRITE_ONCE(*x, #);', 'int r0 = READ_ONCE(*x);', '', 'smp_mb();'))
    .map(([n, body]) => threads(n, body)),
  fc.integer({ min: 100, max: 30_000 }).map((n) => `C long-thread\n{}\nP0(int *x) { ${'WRITE_ONCE(*x, 1); int r0 = READ_ONCE(*x); '.repeat(Math.ceil(n / 2))}}\nexists (x=0)\n`),
  fc.integer({ min: 2, max: 12 }).map((depth) => `C nested-loops\n// @unroll 64\n{}\nP0(int *x) { int r0 = 0; ${'while (1) { '.repeat(depth)}r0 = r0 + 1;${' }'.repeat(depth)} }\nexists (x=0)\n`),
  fc.tuple(fc.integer({ min: 4, max: 16 }), fc.integer({ min: 2, max: 8 })).map(([reads, values]) =>
    `C value-explosion\n{}\nP0(int *x) { ${Array.from({ length: reads }, (_, i) => `int r${i} = READ_ONCE(*x);`).join(' ')} }\nP1(int *x) { ${Array.from({ length: values }, (_, v) => `WRITE_ONCE(*x, ${v + 1});`).join(' ')} }\nexists (0:r0=1)\n`),
  fc.integer({ min: 100, max: 1200 }).map((n) => `C deep\n{}\nP0(int *x) { int r0 = ${'r0 + '.repeat(n)}1; WRITE_ONCE(*x, r0); }\nexists (x=1)\n`),
  fc.integer({ min: 2, max: 6 }).map((n) => `C racing\n{}\n${Array.from({ length: n }, (_, i) => `P${i}(int *x, int *y) { int r0; int r1; WRITE_ONCE(*x, ${i + 1}); r0 = READ_ONCE(*y); WRITE_ONCE(*y, ${i + 1}); r1 = READ_ONCE(*x); }`).join('\n')}\nexists (0:r0=1)\n`),
);

/** Small budgets, so that every phase gets to hit one. */
export const smallBudgets: fc.Arbitrary<Budget> = fc.record({
  maxEvents: fc.integer({ min: 10, max: 200 }),
  maxCandidates: fc.integer({ min: 10, max: 200_000 }),
  maxMillis: fc.integer({ min: 5, max: 200 }),
  maxMemoryMb: fc.oneof(fc.double({ min: 0.01, max: 2, noNaN: true }), fc.integer({ min: 2, max: 256 })),
});

/** Every input family, stressors included. */
export function budgetInputs(corpus: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof({ weight: 4, arbitrary: fuzzInputs(corpus) }, { weight: 2, arbitrary: randomLitmusText() }, { weight: 1, arbitrary: stressors });
}

/**
 * Runs `text` under `budget` and returns what went wrong, if anything: a
 * throw, a result that breaks runLitmus's contract, or a run past its time
 * budget (by more than the slack); `millis` is how long it took.
 */
export function checkBudgetRun(text: string, budget: Budget): { problem?: string; millis: number; inconclusive: boolean } {
  const started = cpuMillis();
  let result: ReturnType<typeof runLitmus>;
  try {
    result = runLitmus(text, { budget, clock: cpuMillis });
  } catch (error) {
    return { problem: `runLitmus threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, millis: cpuMillis() - started, inconclusive: false };
  }
  const millis = cpuMillis() - started;
  const errors = result.diagnostics.some((d) => d.severity === 'error');
  const inconclusive = result.inconclusive !== undefined;
  if (millis > budget.maxMillis + overrunSlackMillis(budget)) return { problem: `ran ${millis.toFixed(0)} ms of CPU time on a ${budget.maxMillis} ms budget`, millis, inconclusive };
  if (errors && result.verdict) return { problem: 'a verdict despite errors', millis, inconclusive };
  if (inconclusive && result.verdict && result.verdict.status !== 'inconclusive') return { problem: 'an inconclusive run with a complete verdict', millis, inconclusive };
  if (result.verdict?.status === 'inconclusive' && !inconclusive) return { problem: 'an inconclusive verdict without a report', millis, inconclusive };
  if (!errors && !inconclusive && !result.verdict) return { problem: 'no errors, no verdict, no budget report', millis, inconclusive };
  if (result.diagnostics.some((d) => d.code.endsWith('internal-error'))) return { problem: 'an internal error', millis, inconclusive };
  return { millis, inconclusive };
}

function main(argv: readonly string[]): number {
  const option = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at < 0 ? undefined : argv[at + 1];
  };
  const runs = Number(option('--runs') ?? 100_000);
  const seed = Number(option('--seed') ?? Date.now() % 2 ** 31);
  const corpus = loadCorpus().map(([, text]) => text);
  const failures: { text: string; budget: Budget; problem: string }[] = [];
  let inconclusive = 0;
  let worstOverrun = -Infinity;
  const started = performance.now();
  fc.check(fc.property(budgetInputs(corpus), smallBudgets, (text, budget) => {
    const { problem, millis, inconclusive: stopped } = checkBudgetRun(text, budget);
    if (stopped) inconclusive++;
    worstOverrun = Math.max(worstOverrun, millis - budget.maxMillis);
    if (problem) failures.push({ text, budget, problem });
    return true;
  }), { numRuns: runs, seed });
  const seconds = (performance.now() - started) / 1000;
  console.log(`fuzz-budgets: ${runs} inputs (seed ${seed}, ${corpus.length} corpus files) in ${seconds.toFixed(1)} s`);
  console.log(`inconclusive (a budget hit): ${inconclusive}; worst finish past the time budget: ${worstOverrun.toFixed(0)} ms`);
  console.log(`crashes and hangs past the budget: ${failures.length}`);
  for (const f of failures.slice(0, 5)) console.log(`\n${f.problem}\nbudget: ${JSON.stringify(f.budget)}\ninput: ${JSON.stringify(f.text.slice(0, 500))}`);
  return failures.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}

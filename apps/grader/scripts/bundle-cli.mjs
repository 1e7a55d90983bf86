// Bundles the compiled CLI (dist/, tsc's output) into dist/bundle/ with
// esbuild, for bin/barrier-lab.mjs. Why: Node loads ES modules one file at a
// time, and the CLI with the engine is about a hundred of them; each process
// (the command, and every worker it starts) spent 60-100 ms in loading
// alone, most of a run over a few tests. Bundled, the command loads a few
// files and a worker starts in ~20 ms. The bundle is built from tsc's output,
// so it runs exactly the code the tests check. Entry points: the command
// (each subcommand a chunk of its own, loaded when it runs) and the two
// worker processes; they sit next to the chunks that import them, where
// `new URL('./litmus-worker.js', import.meta.url)` looks for them, and
// dist/bundle/ is as deep as dist/grading/, where the gradescope bundle looks
// for the package ('../..').
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
// Chunk names carry a hash: old chunks would pile up.
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    'barrier-lab': 'dist/index.js',
    'litmus-worker': 'dist/commands/litmus-worker.js',
    'grade-worker': 'dist/grading/grade-worker.js',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});

// How the parser's time grows with the size of a test: a thread of 0.25 to 2
// megabytes of statements, each size parsed a few times (the best kept). The
// unit test (syntax/parse-diagnostics.test.ts) checks that the work grows
// linearly by counting it; this script says what that work costs in time.
//
//   npx tsx packages/engine/bench/parse-scale.ts
import { parseLitmus } from '../src/syntax/parse-litmus.ts';

const body = 'WRITE_ONCE(*x, READ_ONCE(*y) + 1);\n\tif (r0 == 1) { r1 = r0 * 2; } else { smp_mb(); }\n';
const text = (bytes: number) => `C T\n{}\nP0(int *x, int *y) {\n${body.repeat(Math.ceil(bytes / body.length))}}\nexists (x=1)`;

/** The best of `runs` parses of `source`, in milliseconds. */
function best(source: string, runs = 3): number {
  let fastest = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const { diagnostics } = parseLitmus(source);
    fastest = Math.min(fastest, performance.now() - started);
    if (diagnostics.length > 0) throw new Error(`the generated test does not parse: ${diagnostics[0]!.message}`);
  }
  return fastest;
}

console.log('parser scale: size, best of 3 parses, time per megabyte');
let previous: number | undefined;
for (const megabytes of [0.25, 0.5, 1, 2]) {
  const millis = best(text(megabytes * 1_000_000));
  const growth = previous === undefined ? '' : `  (x${(millis / previous).toFixed(2)} for twice the size)`;
  console.log(`${megabytes.toFixed(2).padStart(5)} MB  ${millis.toFixed(0).padStart(6)} ms  ${(millis / megabytes).toFixed(0).padStart(6)} ms/MB${growth}`);
  previous = millis;
}

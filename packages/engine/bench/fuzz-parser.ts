// Fuzzes the litmus parser: random strings, random token soups and mutated
// corpus tests must never make it throw, and what it returns must keep its
// contract (valid spans; no error means an AST). The Vitest fuzz test imports
// the generators and the contract check from here, so CI and this script run
// the same properties; this script just runs many more inputs.
//
//   npx tsx packages/engine/bench/fuzz-parser.ts --runs 100000 [--seed 42]
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Span } from '../src/syntax/diagnostic.ts';
import { parseLitmus, type ParseResult } from '../src/syntax/parse-litmus.ts';
import { loadCorpus } from '../test-support/golden-corpus.ts';

/** Pieces of litmus syntax (and near misses) for token soups and insertions. */
const VOCABULARY: readonly string[] = [
  'C', 'MP+po', 'P0', 'P1', 'P2', 'P01', '(', ')', '{', '}', '[', ']', ';', ',', ':', '?', '.', '*', '&', '=', '==', '!=',
  '+', '-', '++', '--', '+=', '<<', '>>=', '<', '&&', '||', '!', '/\\', '\\/', '~', '=>', '->', 'exists', '~exists',
  'forall', 'locations', 'filter', 'int', 'int *', 'unsigned', 'long', 'struct', 'srcu_struct', 'spinlock_t', 'u32',
  'void', 'bool', 'if', 'else', 'while', 'do', 'for', 'break', 'continue', 'return', 'r0', 'r1', 'x', 'y', '0', '1',
  '-1', '0x10', '12abc', '99999999999999999999', 'READ_ONCE', 'WRITE_ONCE', 'smp_mb()', 'ATOMIC_INIT', 'true',
  'false', 'NULL', '0:r0', '1:r1=0', '(*', '*)', '/*', '*/', '//', '"', '"doc"', '@unroll 3', '@unroll', '#', '$',
  '\n', '\t', ' ', '\r\n', 'é', '😀',
];

const vocabularyWord = fc.constantFrom(...VOCABULARY);

/** Random text over all of Unicode, and over litmus-looking characters. */
const randomStrings = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom(...'C P0(){}[];,:*&=+-/\\~!<>?"@#\n\t xr1'.split('')), maxLength: 300 }),
);

/** Sequences of litmus tokens, often after a valid header so the parser gets past it. */
const tokenSoups = fc
  .tuple(
    fc.constantFrom('', 'C fuzz\n', 'C fuzz\n{}\n', 'C fuzz\n{ x=1; }\nP0(int *x) {\n'),
    fc.array(fc.tuple(vocabularyWord, fc.constantFrom(' ', '', '\n')), { maxLength: 80 }),
  )
  .map(([prefix, words]) => prefix + words.map(([word, gap]) => word + gap).join(''));

/** One edit of a text: positions are taken modulo its length. */
type Mutation =
  | { kind: 'delete' | 'duplicate'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'swap'; at: number; other: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(vocabularyWord, fc.string({ maxLength: 8 })) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat(), length: fc.nat({ max: 30 }) }),
);

/** Applies `mutations` to `text`, in order. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    switch (m.kind) {
      case 'delete':
        out = out.slice(0, at) + out.slice(at + m.length);
        break;
      case 'duplicate':
        out = out.slice(0, at + m.length) + out.slice(at, at + m.length) + out.slice(at + m.length);
        break;
      case 'insert':
        out = out.slice(0, at) + m.text + out.slice(at);
        break;
      case 'swap': {
        const other = out.length === 0 ? 0 : m.other % (out.length + 1);
        const [a, b] = at <= other ? [at, other] : [other, at];
        const first = out.slice(a, Math.min(a + m.length, b));
        const second = out.slice(b, b + m.length);
        out = out.slice(0, a) + second + out.slice(a + first.length, b) + first + out.slice(b + second.length);
        break;
      }
    }
  }
  return out;
}

/** Corpus tests with a few random edits (or none: the originals must pass too). */
export function corpusMutants(corpus: readonly string[]): fc.Arbitrary<string> {
  if (corpus.length === 0) return fc.constant('');
  return fc
    .tuple(fc.constantFrom(...corpus), fc.array(mutation, { maxLength: 4 }))
    .map(([text, mutations]) => mutate(text, mutations));
}

/** All the input families, mixed. */
export function fuzzInputs(corpus: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(randomStrings, tokenSoups, corpusMutants(corpus));
}

/** The named families, for tests that run each one. */
export const inputFamilies = { randomStrings, tokenSoups } as const;

/**
 * Checks `parse`'s (by default `parseLitmus`'s) contract on `text`. Returns a description of the
 * first violation, or undefined when the result keeps the contract:
 * no exception; each diagnostic has a code, a message, a severity and a span
 * inside the text; no internal error; no error means an AST; every AST span
 * is inside the text too.
 */
export function checkParse(text: string, parse: (text: string) => ParseResult = parseLitmus): string | undefined {
  let result: ParseResult;
  try {
    result = parse(text);
  } catch (error) {
    return `parseLitmus threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }
  const lineLengths = text.split('\n').map((line) => line.length);
  const badSpan = (span: Span): string | undefined => {
    const { line, column, endLine, endColumn } = span;
    const fits = (l: number, c: number): boolean =>
      Number.isInteger(l) && Number.isInteger(c) && l >= 1 && l <= lineLengths.length && c >= 1 && c <= (lineLengths[l - 1] ?? 0) + 1;
    if (!fits(line, column) || !fits(endLine, endColumn)) return `span outside the text: ${JSON.stringify(span)}`;
    if (endLine < line || (endLine === line && endColumn < column)) return `span ends before it starts: ${JSON.stringify(span)}`;
    return undefined;
  };
  if (!Array.isArray(result.diagnostics)) return 'diagnostics is not an array';
  for (const d of result.diagnostics) {
    if (!d.code.startsWith('syntax/') || d.message === '' || (d.severity !== 'error' && d.severity !== 'warning')) {
      return `malformed diagnostic: ${JSON.stringify(d)}`;
    }
    if (d.code === 'syntax/internal-error') return `internal error: ${d.message}`;
    const problem = badSpan(d.span);
    if (problem !== undefined) return `diagnostic ${d.code}: ${problem}`;
  }
  const hasError = result.diagnostics.some((d) => d.severity === 'error');
  if (!hasError && result.ast === undefined) return 'no error, but no AST';
  if (result.ast !== undefined) {
    // Walk the AST iteratively (it may be deep) and check every span in it.
    const stack: unknown[] = [result.ast];
    while (stack.length > 0) {
      const node = stack.pop();
      if (typeof node !== 'object' || node === null) continue;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'span') {
          const problem = badSpan(value as Span);
          if (problem !== undefined) return `AST node: ${problem}`;
        } else {
          stack.push(value);
        }
      }
    }
  }
  return undefined;
}

/** A failure found by `runFuzz`. */
export interface FuzzFailure {
  readonly input: string;
  readonly problem: string;
}

/** Runs `runs` inputs through `checkParse`; counts instead of stopping at the first failure. */
export function runFuzz(runs: number, corpus: readonly string[], seed?: number): { runs: number; failures: FuzzFailure[] } {
  const failures: FuzzFailure[] = [];
  let count = 0;
  fc.check(
    fc.property(fuzzInputs(corpus), (input) => {
      count++;
      const problem = checkParse(input);
      if (problem !== undefined) failures.push({ input, problem });
      return true;
    }),
    { numRuns: runs, ...(seed === undefined ? {} : { seed }) },
  );
  return { runs: count, failures };
}

function main(argv: readonly string[]): number {
  const option = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at < 0 ? undefined : argv[at + 1];
  };
  const runs = Number(option('--runs') ?? 100_000);
  const seedText = option('--seed');
  const seed = seedText === undefined ? Date.now() % 2 ** 31 : Number(seedText);
  if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(seed)) {
    console.error('usage: fuzz-parser.ts [--runs N] [--seed S]');
    return 2;
  }
  const corpus = loadCorpus().map(([, text]) => text);
  const started = performance.now();
  const { runs: done, failures } = runFuzz(runs, corpus, seed);
  const seconds = (performance.now() - started) / 1000;
  console.log(`fuzz-parser: ${done} inputs (seed ${seed}, ${corpus.length} corpus files)`);
  console.log(`failures: ${failures.length}`);
  console.log(`elapsed: ${seconds.toFixed(1)} s, ${Math.round(done / seconds)} inputs/s`);
  for (const { input, problem } of failures.slice(0, 5)) {
    console.log(`\n${problem}\ninput: ${JSON.stringify(input.slice(0, 2000))}`);
  }
  return failures.length === 0 ? 0 : 1;
}

// Run only when executed directly, not when the fuzz test imports this file.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}

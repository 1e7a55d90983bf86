// Every real herd7 C test in the corpus must parse without a single
// diagnostic. Where herd7's output (`.expected`) sits beside a test, the test's
// name and final condition as we parsed them must match what herd7 printed,
// which checks the condition parser against herd7 itself.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, loadCorpus } from '../../bench/fuzz-parser.ts';
import type { FinalCondition, Prop } from './ast.ts';
import { parseLitmus } from './parse-litmus.ts';

/** A proposition the way herd7 prints it in `Condition ...` lines. */
function herdProp(p: Prop): string {
  switch (p.kind) {
    case 'atom': {
      const target = p.target.kind === 'register' ? `${p.target.thread}:${p.target.name}` : `[${p.target.name}]`;
      const atom = `${target}=${p.value.kind === 'number' ? p.value.value : p.value.name}`;
      return p.op === '=' ? atom : `not (${atom})`;
    }
    case 'and':
      return [p.left, p.right].map((c) => (c.kind === 'or' || c.kind === 'implies' ? `(${herdProp(c)})` : herdProp(c))).join(' /\\ ');
    case 'or':
      return [p.left, p.right].map((c) => (c.kind === 'implies' ? `(${herdProp(c)})` : herdProp(c))).join(' \\/ ');
    case 'implies':
      return `${herdProp(p.left)} => ${herdProp(p.right)}`;
    case 'not':
      return `not (${herdProp(p.operand)})`;
    default:
      return p.kind;
  }
}

function herdCondition(condition: FinalCondition): string {
  const quantifier = condition.quantifier === 'not exists' ? '~exists' : condition.quantifier;
  return `Condition ${quantifier} (${herdProp(condition.prop)})`;
}

const corpus = loadCorpus();

describe('the lkmm corpus', () => {
  it('is there', () => {
    expect(corpus.length).toBeGreaterThan(100);
  });

  it.each(corpus.map(([path, text]) => [relative(CORPUS_DIR, path), path, text]))(
    '%s parses cleanly',
    (_name, path, text) => {
      const { ast, diagnostics } = parseLitmus(text);
      expect(diagnostics).toEqual([]);
      expect(ast?.arch.name).toBe('C');
      expect(ast?.threads.length).toBeGreaterThan(0);
      expect(ast?.threads.map((t) => t.index)).toEqual(ast?.threads.map((_, i) => i));
      const expectedPath = path.replace(/\.litmus$/, '.expected');
      if (!existsSync(expectedPath) || ast === undefined) return;
      const expected = readFileSync(expectedPath, 'utf8').split('\n');
      expect(expected[0]?.split(' ')[1]).toBe(ast.name.name);
      const condition = expected.find((line) => line.startsWith('Condition '));
      if (condition !== undefined && ast.condition !== undefined) expect(herdCondition(ast.condition)).toBe(condition);
    },
  );
});

// docs/kernel-objects.md lists every builtin, with its cost, in its two
// tables headed "builtin" (expression and statement builtins): a builtin
// added here without its row, or a row left for a builtin that is gone, fails.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kernelBuiltins } from './kernel-objects.ts';

const doc = readFileSync(new URL('../../../../docs/kernel-objects.md', import.meta.url), 'utf8');

/** Each row of the tables headed `| builtin | ...`: the names it documents (its first cell's calls) and its cost (its last cell). */
const rows = doc.split(/\n\n/)
  .filter((block) => block.startsWith('| builtin |'))
  .flatMap((table) => table.split('\n').slice(2))
  .map((line) => {
    const cells = line.replace(/^\|\s*|\s*\|$/g, '').split(' | ');
    return { names: [...cells[0]!.matchAll(/(\w+)\(/g)].map((m) => m[1]!), cost: Number(cells[cells.length - 1]) };
  });

describe('docs/kernel-objects.md', () => {
  it('has the builtins tables', () => {
    expect(rows.length).toBeGreaterThan(20);
  });

  it('documents every builtin, and only builtins', () => {
    const documented = rows.flatMap((r) => r.names).sort();
    expect(documented).toEqual(kernelBuiltins().map((b) => b.name).sort());
  });

  it('gives each builtin its cost', () => {
    const costs = new Map(kernelBuiltins().map((b) => [b.name, b.cost]));
    for (const row of rows) for (const name of row.names) expect(row.cost, name).toBe(costs.get(name));
  });
});

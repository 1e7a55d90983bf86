// Proves the boundary rules bite: each snippet below is linted as if it were a
// file at the given path, with the repository's real ESLint configuration.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('engine boundary', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", 'node:*'],
    ["import path from 'path';\nexport const p = path;\n", 'platform-neutral'],
    ["import { main } from '@barrier-lab/grader';\nexport const m = main;\n", 'apps'],
    ["import { chapter } from '@barrier-lab/exercises';\nexport const c = chapter;\n", 'nothing of ours'],
    ['export const argv = process.argv;\n', "'process'"],
    ['export const title = document.title;\n', "'document'"],
    ['export const w = window;\n', "'window'"],
  ])('rejects %j in packages/engine/src', async (code, expected) => {
    const errors = await boundaryErrors('packages/engine/src/syntax/violation.ts', code);
    expect(errors.join('\n')).toContain(expected);
  });

  it('accepts platform-neutral engine code', async () => {
    const code = "import { LineIndex } from './line-index.ts';\nexport const make = (s: string) => new LineIndex(s);\n";
    expect(await boundaryErrors('packages/engine/src/syntax/fine.ts', code)).toEqual([]);
  });

  it('lets engine tests use Node', async () => {
    const code = "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n";
    expect(await boundaryErrors('packages/engine/src/syntax/fine.test.ts', code)).toEqual([]);
  });
});

describe('package and app boundaries', () => {
  it('forbids packages from importing apps', async () => {
    const code = "import { main } from '@barrier-lab/grader';\nexport const m = main;\n";
    const errors = await boundaryErrors('packages/exercises/src/violation.ts', code);
    expect(errors.join('\n')).toContain('Packages never depend on apps');
  });

  it('forbids deep imports across packages everywhere', async () => {
    const code = "import { x } from '@barrier-lab/engine/src/syntax/line-index.ts';\nexport const y = x;\n";
    const errors = await boundaryErrors('apps/grader/src/violation.ts', code);
    expect(errors.join('\n')).toContain('public entry');
  });

  it('lets apps import packages through their entries', async () => {
    const code = "import { courseOutline } from '@barrier-lab/exercises';\nexport const o = courseOutline;\n";
    expect(await boundaryErrors('apps/grader/src/fine.ts', code)).toEqual([]);
  });
});

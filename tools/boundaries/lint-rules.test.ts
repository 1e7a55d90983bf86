// Proves the boundary rules bite: each snippet below is linted as if it were a
// file at the given path, with the repository's real ESLint configuration.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { readdirSync } from 'node:fs';
import { engineLayers, publicSubpaths } from './rules.mjs';

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

describe('engine layers', () => {
  it('places every folder of the engine in the layer order', () => {
    const folders = readdirSync(`${root}/packages/engine/src`, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect([...folders].sort()).toEqual([...engineLayers].sort());
  });

  it.each([
    ['packages/engine/src/models/violation.ts', "import { explore } from '../explore/explore.ts';", 'models/ comes before explore'],
    ['packages/engine/src/models/lkmm/violation.ts', "import type { Verdict } from '../../verdict/verdict.ts';", 'models/ comes before'],
    ['packages/engine/src/verdict/violation.ts', "import { runLitmus } from '../run/run-litmus.ts';", 'verdict/ comes before'],
    ['packages/engine/src/explain/violation.ts', "import { stepMode } from '../step/step-api.ts';", 'explain/ comes before'],
    ['packages/engine/src/syntax/violation.ts', "import { lower } from '../program/lower.ts';", 'syntax/ comes before'],
    ['packages/engine/src/run/violation.ts', "import { runLitmus } from '../index.ts';", 'public entries are for callers outside'],
  ])('rejects an upward import in %s', async (file, line, expected) => {
    const errors = await boundaryErrors(file, `${line}\nexport const used = 1;\n`);
    expect(errors.join('\n')).toContain(expected);
  });

  it('accepts downward imports, and tests that use the whole pipeline', async () => {
    expect(await boundaryErrors('packages/engine/src/explain/fine.ts', "import { runLitmus } from '../run/run-litmus.ts';\nimport { Relation } from '../execution/relation.ts';\nexport const f = [runLitmus, Relation];\n")).toEqual([]);
    expect(await boundaryErrors('packages/engine/src/models/lkmm/fine.ts', "import type { Execution } from '../../execution/execution.ts';\nexport type E = Execution;\n")).toEqual([]);
    expect(await boundaryErrors('packages/engine/src/syntax/fine.test.ts', "import { runLitmus } from '../run/run-litmus.ts';\nexport const f = runLitmus;\n")).toEqual([]);
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
    expect(errors.join('\n')).toContain('public entries');
  });

  it('lets callers use the subpaths a package declares, and only those', async () => {
    expect(publicSubpaths).toEqual(expect.arrayContaining(['@barrier-lab/engine/explain', '@barrier-lab/engine/step']));
    const fine = "import { explain } from '@barrier-lab/engine/explain';\nimport { stepMode } from '@barrier-lab/engine/step';\nexport const f = [explain, stepMode];\n";
    expect(await boundaryErrors('apps/site/src/fine.ts', fine)).toEqual([]);
    const deep = "import { findRepair } from '@barrier-lab/engine/explain/repair';\nexport const f = findRepair;\n";
    expect((await boundaryErrors('apps/site/src/violation.ts', deep)).join('\n')).toContain('public entries');
  });

  it('lets apps import packages through their entries', async () => {
    const code = "import { courseOutline } from '@barrier-lab/exercises';\nexport const o = courseOutline;\n";
    expect(await boundaryErrors('apps/grader/src/fine.ts', code)).toEqual([]);
  });
});

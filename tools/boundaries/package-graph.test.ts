// The dependency graph declared in package.json files must follow the
// architecture: apps → packages → engine, never backwards.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Manifest {
  name: string;
  dir: string;
  deps: string[];
  exports?: Record<string, unknown>;
}

function manifests(): Manifest[] {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(root, group))
      .filter((d) => existsSync(join(root, group, d, 'package.json')))
      .map((d) => {
        const pkg = JSON.parse(readFileSync(join(root, group, d, 'package.json'), 'utf8'));
        const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies });
        return { name: pkg.name, dir: `${group}/${d}`, deps: deps.filter((n) => n.startsWith('@barrier-lab/')), exports: pkg.exports };
      }),
  );
}

describe('package graph', () => {
  const all = manifests();

  it('finds the four workspace projects', () => {
    expect(all.map((m) => m.name).sort()).toEqual([
      '@barrier-lab/engine', '@barrier-lab/exercises', '@barrier-lab/grader', '@barrier-lab/site',
    ]);
  });

  it('keeps the engine free of our other packages', () => {
    expect(all.find((m) => m.name === '@barrier-lab/engine')?.deps).toEqual([]);
  });

  it('never lets a package depend on an app', () => {
    const apps = new Set(all.filter((m) => m.dir.startsWith('apps/')).map((m) => m.name));
    for (const m of all.filter((p) => p.dir.startsWith('packages/'))) {
      expect(m.deps.filter((d) => apps.has(d)), m.name).toEqual([]);
    }
  });

  it('gives every package its public entries through an exports map: src/index.ts, the engine its explain and step subpaths, the exercises their words', () => {
    const subpaths: Record<string, string[]> = { '@barrier-lab/engine': ['./explain', './step'], '@barrier-lab/exercises': ['./words'] };
    for (const m of all.filter((p) => p.dir.startsWith('packages/'))) {
      const expected = ['.', ...(subpaths[m.name] ?? [])];
      expect(Object.keys(m.exports ?? {}), m.name).toEqual(expected);
      for (const key of expected) {
        const entry = (m.exports as Record<string, Record<string, string>>)[key]!;
        // Sources for Vitest, Vite and tsc; the build for Node.
        expect(Object.keys(entry), `${m.name} ${key}`).toEqual(['barrier-lab-source', 'types', 'default']);
        expect(existsSync(join(root, m.dir, entry['barrier-lab-source']!)), `${m.name} ${key}`).toBe(true);
      }
      expect(existsSync(join(root, m.dir, 'src/index.ts')), m.name).toBe(true);
    }
  });
});

// The README and docs/ point at what exists: every relative link reaches its
// file and heading, and every npm or Nx command names a package and a script
// it has.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anchors, brokenLinks, documents, headingAnchor, packageCommands, workspaceScripts } from './doc-references.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('headingAnchor', () => {
  it('makes the anchors GitHub makes', () => {
    expect(headingAnchor('`sc` and `tso` (`models/hardware.ts`)')).toBe('sc-and-tso-modelshardwarets');
    expect(headingAnchor("GUP-fast's first reference and KSM's refcount check")).toBe('gup-fasts-first-reference-and-ksms-refcount-check');
    expect(headingAnchor('feedback/&lt;student&gt;.md')).toBe('feedbackltstudentgtmd');
  });

  it('numbers a repeated heading and leaves headings in code blocks out', () => {
    expect([...anchors('# A\n\n```sh\n# not a heading\n```\n\n## A\n')]).toEqual(['a', 'a-1']);
  });
});

describe('brokenLinks', () => {
  it('finds a missing file and a missing heading', () => {
    const doc = { path: 'docs/example.md', text: '[a](engine.md#no-such-heading), [b](nothing.md), [c](engine.md#speed), [d](https://example.org)' };
    expect(brokenLinks(root, doc)).toEqual([
      'docs/example.md: engine.md#no-such-heading: no heading #no-such-heading in docs/engine.md',
      'docs/example.md: nothing.md: no file docs/nothing.md',
    ]);
  });
});

describe('packageCommands', () => {
  it('reads a command broken across lines', () => {
    expect(packageCommands('run `npm run\nbench -w @barrier-lab/exercises` and `npx nx test @barrier-lab/engine`')).toEqual([
      { command: 'npm run bench -w @barrier-lab/exercises', script: 'bench', workspace: '@barrier-lab/exercises' },
      { command: 'npx nx test @barrier-lab/engine', script: 'test', workspace: '@barrier-lab/engine' },
    ]);
  });
});

describe('the README and docs/', () => {
  const docs = documents(root);

  it('are found', () => {
    expect(docs.map((d) => d.path)).toContain('docs/architecture.md');
  });

  it('link only to files and headings that exist', () => {
    expect(docs.flatMap((d) => brokenLinks(root, d))).toEqual([]);
  });

  it('give only commands whose package has the script', () => {
    const scripts = workspaceScripts(root);
    const wrong = docs.flatMap((d) => packageCommands(d.text)
      .filter((c) => !scripts.get(c.workspace)?.has(c.script))
      .map((c) => `${d.path}: ${c.command}`));
    expect(wrong).toEqual([]);
  });
});

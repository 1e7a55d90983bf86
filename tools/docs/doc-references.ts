// What the README and docs/*.md point at, checked against the repository:
// links to files and their headings, and the npm and Nx commands they give.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** A Markdown document of the repository: its path from the root and its text. */
export interface Document {
  readonly path: string;
  readonly text: string;
}

/** The README and every page of docs/. */
export function documents(root: string): Document[] {
  const pages = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
  return ['README.md', ...pages].map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** The anchors of a document's headings (outside code blocks); a repeated one gets `-1`, `-2`, ... as on GitHub. */
export function anchors(text: string): Set<string> {
  const found = new Set<string>();
  for (const heading of headings(text)) {
    const base = headingAnchor(heading);
    let anchor = base;
    for (let n = 1; found.has(anchor); n++) anchor = `${base}-${n}`;
    found.add(anchor);
  }
  return found;
}

function headings(text: string): string[] {
  return withoutCodeBlocks(text).split('\n').flatMap((line) => /^#{1,6} (.*)$/.exec(line)?.[1] ?? []);
}

function withoutCodeBlocks(text: string): string {
  return text.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
}

/** Every relative link of a document (`[text](target)`) that does not lead to a file, or to a heading of it. */
export function brokenLinks(root: string, doc: Document): string[] {
  const broken: string[] = [];
  for (const [, target] of withoutCodeBlocks(doc.text).matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/.test(target!)) continue;
    const [file, anchor] = target!.split('#') as [string, string | undefined];
    const path = file ? relative(root, join(root, dirname(doc.path), file)) : doc.path;
    if (!existsSync(join(root, path))) {
      broken.push(`${doc.path}: ${target}: no file ${path}`);
    } else if (anchor !== undefined && path.endsWith('.md') && !anchors(readFileSync(join(root, path), 'utf8')).has(anchor)) {
      broken.push(`${doc.path}: ${target}: no heading #${anchor} in ${path}`);
    }
  }
  return broken;
}

/** A command a document gives: `npm run SCRIPT -w PACKAGE`, `npm test -w PACKAGE` or `npx nx TARGET PACKAGE`. */
export interface PackageCommand {
  readonly command: string;
  readonly script: string;
  readonly workspace: string;
}

/** The package commands of a document, its line breaks inside code spans read as spaces. */
export function packageCommands(text: string): PackageCommand[] {
  const flat = text.replace(/\s+/g, ' ');
  const found: PackageCommand[] = [];
  for (const m of flat.matchAll(/npm run ([\w:-]+) -w (@barrier-lab\/[\w-]+)/g)) found.push({ command: m[0], script: m[1]!, workspace: m[2]! });
  for (const m of flat.matchAll(/npm (test|start) -w (@barrier-lab\/[\w-]+)/g)) found.push({ command: m[0], script: m[1]!, workspace: m[2]! });
  for (const m of flat.matchAll(/npx nx (?!run-many)([\w:-]+) (@barrier-lab\/[\w-]+)/g)) found.push({ command: m[0], script: m[1]!, workspace: m[2]! });
  return found;
}

/** The scripts of each workspace package, by name. */
export function workspaceScripts(root: string): Map<string, Set<string>> {
  const scripts = new Map<string, Set<string>>();
  for (const group of ['packages', 'apps', 'tools']) {
    const dirs = group === 'tools' ? [''] : readdirSync(join(root, group));
    for (const dir of dirs) {
      const manifest = join(root, group, dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; scripts?: Record<string, string> };
      scripts.set(pkg.name, new Set(Object.keys(pkg.scripts ?? {})));
    }
  }
  return scripts;
}

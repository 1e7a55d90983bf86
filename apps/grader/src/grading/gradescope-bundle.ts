// The Gradescope autograder zip for one exercise. Gradescope builds an
// Ubuntu image from it: `setup.sh` runs once (it installs Node.js 20 from
// NodeSource when the image has no Node >= 20.19), then for each student
// `run_autograder` runs with the submission in /autograder/submission and
// must leave /autograder/results/results.json. The grader itself travels in
// the zip, built (`dist/`) with its runtime dependencies, so nothing is
// fetched from npm at grading time.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ZipInput } from './archive-zip.ts';

/** How the bundled autograder grades. */
export interface BundleOptions {
  readonly exercise: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

/** The oldest Node.js the grader runs on. */
const nodeFloor = { major: 20, minor: 19 } as const;

/** setup.sh: Node.js if the image lacks it; nothing else (the grader is in the zip). */
export function setupScript(): string {
  return `#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
# barrier-lab needs Node.js >= ${nodeFloor.major}.${nodeFloor.minor}; everything else is in this zip.
set -euo pipefail
if command -v node >/dev/null 2>&1 && node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > ${nodeFloor.major} || (a === ${nodeFloor.major} && b >= ${nodeFloor.minor}) ? 0 : 1)'; then
  echo "barrier-lab: Node.js $(node --version) is already installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl gnupg
install -d -m 0755 /etc/apt/keyrings
curl -fsSL https://deb.nodesource.com/gpgkey/nodesource-repo.gpg.key | gpg --dearmor -o /etc/apt/keyrings/nodesource.gpg
echo "deb [signed-by=/etc/apt/keyrings/nodesource.gpg] https://deb.nodesource.com/node_${nodeFloor.major}.x nodistro main" > /etc/apt/sources.list.d/nodesource.list
apt-get update
apt-get install -y --no-install-recommends nodejs
node --version
`;
}

/** run_autograder: grade the one submission into results.json; never leave Gradescope without a result. */
export function runAutograderScript(options: BundleOptions): string {
  return `#!/usr/bin/env bash
# Gradescope runs this for each submission. AUTOGRADER_ROOT is for testing the
# bundle off Gradescope; on Gradescope it is /autograder.
set -uo pipefail
ROOT="\${AUTOGRADER_ROOT:-/autograder}"
OUT="$(mktemp -d)"
mkdir -p "$ROOT/results"
node "$ROOT/source/barrier-lab/node_modules/@barrier-lab/grader/bin/barrier-lab.mjs" grade \\
  --exercise ${options.exercise} --student submission --format results.json \\
  --timeout ${options.timeoutSeconds} --memory ${options.memoryMb} --jobs 1 --quiet \\
  --out "$OUT" "$ROOT/submission"
status=$?
if [ -f "$OUT/results.json" ]; then
  cp "$OUT/results.json" "$ROOT/results/results.json"
else
  # The grader did not get as far as a result: say so instead of failing silently.
  cat > "$ROOT/results/results.json" <<'JSON'
{"score": 0, "output": "The autograder could not grade this submission (barrier-lab exited with an error). Your instructor will grade it by hand.", "visibility": "visible", "tests": []}
JSON
fi
echo "barrier-lab grade exited with status $status"
exit 0
`;
}

/**
 * Every file of the bundle: the two scripts at the root (executable), and
 * under barrier-lab/ the grader, engine and exercises as built (their
 * package.json, bin/ and dist/) with their runtime dependencies.
 */
export async function bundleFiles(options: BundleOptions): Promise<ZipInput[]> {
  const encoder = new TextEncoder();
  const files: ZipInput[] = [
    { path: 'setup.sh', bytes: encoder.encode(setupScript()), mode: 0o755 },
    { path: 'run_autograder', bytes: encoder.encode(runAutograderScript(options)), mode: 0o755 },
    { path: 'barrier-lab/package.json', bytes: encoder.encode(`${JSON.stringify({ private: true, type: 'module', description: 'barrier-lab grader for Gradescope' }, null, 2)}\n`) },
  ];
  const grader = await realpath(fileURLToPath(new URL('../..', import.meta.url)));
  for (const pkg of await runtimePackages(grader)) {
    const ours = pkg.name.startsWith('@barrier-lab/');
    for (const file of await packageFiles(pkg.dir, ours)) {
      files.push({ path: `barrier-lab/node_modules/${pkg.name}/${file.rel}`, bytes: await readFile(file.path), ...(file.executable ? { mode: 0o755 } : {}) });
    }
  }
  return files;
}

/** Why the bundle cannot be made from this installation, if it cannot (the grader not built). */
export async function bundleProblem(): Promise<string | undefined> {
  const grader = fileURLToPath(new URL('../..', import.meta.url));
  const built = await stat(join(grader, 'dist', 'index.js')).then(() => true, () => false);
  return built ? undefined : `the grader is not built (${join(grader, 'dist')} is missing): run \`npm run build\` first`;
}

interface PackageDir {
  readonly name: string;
  readonly dir: string;
}

/** The grader's package and every package it needs at run time, each once, in a stable order. */
async function runtimePackages(root: string): Promise<PackageDir[]> {
  const found = new Map<string, PackageDir>();
  const visit = async (dir: string) => {
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name: string; dependencies?: Record<string, string> };
    if (found.has(manifest.name)) return;
    found.set(manifest.name, { name: manifest.name, dir });
    const require = createRequire(join(dir, 'package.json'));
    for (const dependency of Object.keys(manifest.dependencies ?? {}).sort()) {
      await visit(await packageRoot(dirname(require.resolve(dependency)), dependency));
    }
  };
  await visit(root);
  return [...found.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The folder of package `name` that holds `start` (the nearest package.json naming it). */
async function packageRoot(start: string, name: string): Promise<string> {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = await readFile(join(dir, 'package.json'), 'utf8').then((t) => JSON.parse(t) as { name?: string }, () => undefined);
    if (manifest?.name === name) return realpath(dir);
    if (dirname(dir) === dir) throw new Error(`cannot find the folder of package ${name}`);
  }
}

/** A package's files to ship: ours as built (package.json, bin/, dist/ without source maps' sources), others whole. */
async function packageFiles(dir: string, ours: boolean): Promise<{ path: string; rel: string; executable: boolean }[]> {
  const out: { path: string; rel: string; executable: boolean }[] = [];
  const walk = async (at: string) => {
    const entries = (await readdir(at, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(at, entry.name);
      const rel = relative(dir, path).split(sep).join('/');
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules') continue;
        if (ours && !['bin', 'dist'].includes(rel.split('/')[0]!)) continue;
        await walk(path);
      } else if (!ours || rel === 'package.json' || rel.startsWith('bin/') || (rel.startsWith('dist/') && !rel.endsWith('.tsbuildinfo'))) {
        out.push({ path, rel, executable: rel.startsWith('bin/') });
      }
    }
  };
  await walk(dir);
  return out;
}

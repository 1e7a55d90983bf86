// `npm start` (scripts/start.ts): it serves the built course at the URL it
// prints, and Ctrl-C stops everything it started, the build included.
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const siteRoot = fileURLToPath(new URL('..', import.meta.url));

/** Starts scripts/start.ts in its own process group, as a terminal runs a foreground command. */
function start(args: readonly string[]): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], {
    cwd: siteRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' },
  });
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  return { child, output: () => output };
}

async function waitFor(what: string, ready: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Ctrl-C: SIGINT to the whole foreground process group. */
function interrupt(child: ChildProcess): void {
  process.kill(-child.pid!, 'SIGINT');
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((done) => child.once('exit', (code) => done(code)));
}

/** Processes running an astro build in this site's folder. */
function astroBuildsHere(): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes('astro') && cmd.includes('build') && readlinkSync(`/proc/${entry}/cwd`).startsWith(siteRoot.replace(/\/$/, ''))) found.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

describe('npm start', () => {
  it('serves the built course at the URL it prints, and Ctrl-C stops it', async () => {
    const { child, output } = start(['--no-build', '--port', '0']);
    await waitFor('the URL', () => /http:\/\/127\.0\.0\.1:\d+\//.test(output()), 30_000);
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output())![0];
    const landing = await fetch(url);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('Barrier Lab');
    expect((await fetch(`${url}course/how-to-use/`)).status).toBe(200);
    expect((await fetch(`${url}pagefind/pagefind.js`)).status).toBe(200);
    interrupt(child);
    expect(await exited(child)).toBe(130);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('stops the production build it started when interrupted during it', async () => {
    // Into a folder of its own: an interrupted build must not touch dist/, which the other tests use.
    const out = mkdtempSync(join(tmpdir(), 'barrier-lab-start-'));
    const { child, output } = start(['--port', '0', '--out-dir', out]);
    await waitFor('the build to start', () => output().includes('Building the course'), 30_000);
    await waitFor('astro to run', () => astroBuildsHere().length > 0, 30_000);
    interrupt(child);
    expect(await exited(child)).toBe(130);
    await waitFor('the build to stop', () => astroBuildsHere().length === 0, 15_000);
    expect(astroBuildsHere()).toEqual([]);
    rmSync(out, { recursive: true, force: true });
  });
});

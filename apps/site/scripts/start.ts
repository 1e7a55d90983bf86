// `npm start`: builds the course for production, then serves the built site
// (search works, no dev toolbar) and prints its URL. Ctrl-C (or SIGTERM)
// stops the build if it is still running and the server, and exits.
//   tsx scripts/start.ts [--no-build] [--port N] [--out-dir DIR]
// The port defaults to $PORT or 4321; when it is taken, a free one is used.
// The site is built into and served from apps/site/dist unless --out-dir says otherwise.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic, type StaticSite } from './static-server.ts';

const siteRoot = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dist = resolve(option('--out-dir') ?? fileURLToPath(new URL('../dist', import.meta.url)));
const build = !args.includes('--no-build');
const port = Number(option('--port') ?? process.env.PORT ?? 4321);

let child: ChildProcess | undefined;
let site: StaticSite | undefined;
let stopping = false;

async function stop(code: number): Promise<never> {
  stopping = true;
  if (child && child.exitCode === null) {
    // The build runs in its own process group: stop it and anything it started.
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  }
  await site?.close();
  process.exit(code);
}

process.on('SIGINT', () => void stop(130));
process.on('SIGTERM', () => void stop(143));

function runBuild(): Promise<void> {
  console.log('Building the course (astro build)…');
  return new Promise((done, fail) => {
    // astro's command line: the `bin` next to its package.json (not in its exports map).
    const astro = fileURLToPath(new URL('astro.js', import.meta.resolve('astro/package.json')));
    child = spawn(process.execPath, [astro, 'build', '--outDir', dist], {
      cwd: siteRoot,
      stdio: 'inherit',
      detached: true,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      child = undefined;
      if (stopping) return;
      if (code === 0) done();
      else fail(new Error(`astro build failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

async function listen(): Promise<StaticSite> {
  try {
    return await serveStatic(dist, { port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`Port ${port} is taken; using a free one.`);
    return serveStatic(dist, { port: 0 });
  }
}

try {
  if (build) await runBuild();
  if (!existsSync(`${dist}/index.html`)) throw new Error(`there is no built site in ${dist} (run without --no-build)`);
  site = await listen();
  console.log(`\nBarrier Lab is served at ${site.url}/\nPress Ctrl-C to stop.`);
} catch (error) {
  if (!stopping) {
    console.error(`npm start: ${(error as Error).message}`);
    await stop(1);
  }
}

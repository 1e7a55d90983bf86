// A second web site for the embedding tests: a folder of plain HTML files
// served on another port (another origin) and named `localhost` rather
// than 127.0.0.1 (another site, as a real docs page would be).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '../scripts/static-server.ts';

/** The other site: its URL (http://localhost:port) and how to stop it. */
export interface ForeignHost {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the files `files` gives for the host's own URL (name → HTML) from a fresh folder. */
export async function serveForeignHost(files: (url: string) => Readonly<Record<string, string>>): Promise<ForeignHost> {
  const dir = await mkdtemp(join(tmpdir(), 'barrier-lab-host-'));
  const site = await serveStatic(dir);
  const url = `http://localhost:${site.port}`;
  for (const [name, text] of Object.entries({ '404.html': 'not found', ...files(url) })) await writeFile(join(dir, name), text);
  return {
    url,
    close: async () => {
      await site.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

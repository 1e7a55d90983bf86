// A small static file server for the built site (dist/), on 127.0.0.1: what
// `npm start` serves and what the browser tests and the bench drive. `/a/`
// serves `/a/index.html`; anything outside the root is refused; a missing
// file gets the site's 404 page. Headers a static host should send too
// (docs/embedding.md): the part of the Content-Security-Policy a page's
// <meta> cannot carry (frame-ancestors: the course only in its own frames,
// /embed/ in anyone's), and CORS on /embed/ so the web component's files
// load into pages of other origins.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  // Pagefind's index files.
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
};

/** The headers of a response for `path`: framing, sniffing and, under /embed/, CORS. */
export function securityHeaders(path: string): Record<string, string> {
  const embed = path === '/embed' || path.startsWith('/embed/');
  return {
    'content-security-policy': `frame-ancestors ${embed ? '*' : "'self'"}`,
    'x-content-type-options': 'nosniff',
    ...(embed ? { 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' } : {}),
  };
}

/** A running server: its URL and port, and how to stop it. */
export interface StaticSite {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Where to listen. */
export interface ServeOptions {
  /** The port to listen on; 0 (the default) takes a free one. */
  readonly port?: number;
  readonly host?: string;
}

/** Serves `root` until `close()`; rejects when the port is taken. */
export async function serveStatic(root: string, options: ServeOptions = {}): Promise<StaticSite> {
  const base = resolve(root);
  const server: Server = createServer(async (req, res) => {
    let path: string;
    try {
      path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = join(base, path);
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-cache', ...securityHeaders(path) });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      const page = await readFile(join(base, '404.html')).catch(() => Buffer.from('not found'));
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', ...securityHeaders(path) }).end(page);
    }
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', fail);
      done();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no port');
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () => new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}

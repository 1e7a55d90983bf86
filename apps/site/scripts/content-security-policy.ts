// The site's Content-Security-Policy, written into every built page as a
// <meta http-equiv> (so it travels with the files to any static host), with
// the SHA-256 of each inline script the page has: Starlight's theme and
// sidebar scripts and Astro's small inlined modules run, anything else
// inline (an injected <script>, an on* attribute) does not. The check
// worker is a file of the site ('self'); Pagefind's search needs
// WebAssembly ('wasm-unsafe-eval'). Styles allow 'unsafe-inline': Monaco
// writes its own <style> elements at run time, and the workbench sets
// computed layout on elements. What a meta tag cannot say (frame-ancestors)
// the static server sends as a header (static-server.ts).
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The policy for a page whose inline scripts have `hashes` ('sha256-...' sources). */
export function contentSecurityPolicy(hashes: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${hashes.map((h) => ` '${h}'`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

// Script elements that run: no src, and a JavaScript type (or none).
const scriptPattern = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const dataTypes = /\btype\s*=\s*["']?(application\/(?:ld\+)?json|text\/plain|importmap)/i;

/** The 'sha256-...' source of each inline script of `html` that a browser would run. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(scriptPattern)) {
    const attributes = match[1] ?? '';
    if (/\bsrc\s*=/i.test(attributes) || dataTypes.test(attributes)) continue;
    hashes.add(`sha256-${createHash('sha256').update(match[2] ?? '', 'utf8').digest('base64')}`);
  }
  return [...hashes].sort();
}

/** `html` with its policy as the first element of <head> after the charset (replacing one added before). */
export function withContentSecurityPolicy(html: string): string {
  const cleaned = html.replace(/<meta http-equiv="content-security-policy"[^>]*>/i, '');
  const meta = `<meta http-equiv="content-security-policy" content="${contentSecurityPolicy(inlineScriptHashes(cleaned))}">`;
  const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(cleaned);
  if (charset) return cleaned.slice(0, charset.index + charset[0].length) + meta + cleaned.slice(charset.index + charset[0].length);
  // A page without a <head> tag (Astro's redirect pages) has one all the same: what comes before
  // the body, where the policy goes right after the doctype.
  const head = /<head[^>]*>/i.exec(cleaned) ?? /^<!doctype html>/i.exec(cleaned);
  if (!head) throw new Error('a built page without <head> or doctype: cannot add its Content-Security-Policy');
  return cleaned.slice(0, head.index + head[0].length) + meta + cleaned.slice(head.index + head[0].length);
}

/** Adds the policy to every .html file under `dir`; returns how many pages it wrote. */
export async function addContentSecurityPolicy(dir: string): Promise<number> {
  let pages = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const file = join(entry.parentPath, entry.name);
    await writeFile(file, withContentSecurityPolicy(await readFile(file, 'utf8')));
    pages++;
  }
  return pages;
}

// Launches Debian's Chromium through playwright-core (browsers are never
// downloaded), and the one fixture every browser suite uses: the built site
// served by the static server, a fresh browser, the screenshots folder.
import { chromium, type BrowserContext } from 'playwright-core';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { serveStatic, type StaticSite } from '../scripts/static-server.ts';
import { serveForeignHost, type ForeignHost } from './foreign-host.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The built site (`astro build` writes it; `nx e2e` builds it first). */
export const dist = fileURLToPath(new URL('../dist', import.meta.url));
/** Where the browser suites write their screenshots. */
export const results = fileURLToPath(new URL('../e2e-results', import.meta.url));

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh headless Chromium with an empty profile (a touch phone with `phone`), closed and removed by `close()`. */
export async function launchBrowser(options: { readonly phone?: boolean } = {}): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'barrier-lab-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    // A phone: touch, so that page.tap() taps as a finger does (no pointer resting anywhere).
    ...(options.phone ? { hasTouch: true, isMobile: true } : {}),
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** What {@link useSiteInBrowser} gives a suite; each field is readable once its `beforeAll` has run. */
export interface SiteInBrowser {
  /** The built site, served: its URL. */
  readonly site: { readonly url: string };
  /** The suite's browser: its one context (a fresh profile). */
  readonly browser: { readonly context: BrowserContext };
  /** The other site, when the suite asked for one: its URL. */
  readonly host: { readonly url: string };
}

/** What a suite may ask of {@link useSiteInBrowser}. */
export interface SiteInBrowserOptions {
  /** A file of `dist/` the suite needs (default `index.html`); missing, the suite fails at once and says to build. */
  readonly needs?: string;
  /** Serve a second site of another origin too: its files, given the course's URL and its own. */
  readonly foreignHost?: (siteUrl: string, hostUrl: string) => Readonly<Record<string, string>>;
}

/**
 * Registers the suite's `beforeAll`/`afterAll`: serves `dist/` with the
 * static server, launches a fresh Chromium, makes the screenshots folder
 * (and, if asked, serves the foreign host); after the suite, closes them all.
 * Call it once at the top of a `describe`.
 */
export function useSiteInBrowser(options: SiteInBrowserOptions = {}): SiteInBrowser {
  const needs = options.needs ?? 'index.html';
  let site: StaticSite | undefined;
  let browser: Browser | undefined;
  let host: ForeignHost | undefined;
  beforeAll(async () => {
    if (!existsSync(join(dist, needs))) throw new Error(`apps/site/dist/${needs} is missing: run the site build first (nx e2e does).`);
    site = await serveStatic(dist);
    browser = await launchBrowser();
    await mkdir(results, { recursive: true });
    const files = options.foreignHost;
    const siteUrl = site.url;
    if (files) host = await serveForeignHost((hostUrl) => files(siteUrl, hostUrl));
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await host?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not there: useSiteInBrowser's beforeAll has not run (or failed)`);
    return value;
  };
  return {
    site: { get url() { return started(site, 'the site').url; } },
    browser: { get context() { return started(browser, 'the browser').context; } },
    host: { get url() { return started(host, 'the foreign host').url; } },
  };
}

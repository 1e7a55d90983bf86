// astro.config.mjs builds the sidebar from the course outline's source, as
// Astro loads the config: a Vite server without the site's settings, every
// package external (astro's loadConfigWithVite). Loaded that way, a plain
// import of @barrier-lab/exercises reads its dist/, which lags behind the
// source until the package is rebuilt.
import { describe, expect, it } from 'vitest';
import type * as courseSidebarModule from '../src/lib/course-sidebar.ts';
import { courseSidebar } from '../src/lib/course-sidebar.ts';
import { importFromSource, loadWithVite } from './import-from-source.ts';

/** The config as Astro loads it: no source condition, every package external. */
function loadConfigAsAstro(): Promise<{ sidebar: unknown[] }> {
  return loadWithVite('./astro.config.mjs', { ssr: { external: true } });
}

describe('the sidebar of astro.config.mjs', () => {
  it('lists the chapters of the outline as its source has them', async () => {
    const { sidebar } = await loadConfigAsAstro();
    expect(sidebar.slice(0, -1)).toEqual(courseSidebar());
  });
});

describe('importFromSource', () => {
  it('loads a module with the packages read from their source', async () => {
    const loaded = await importFromSource<typeof courseSidebarModule>('./src/lib/course-sidebar.ts');
    expect(loaded.courseSidebar()).toEqual(courseSidebar());
  });
});

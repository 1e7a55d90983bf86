// The sidebar, built from the course outline so it cannot drift from the
// chapter pages: Chapter 0, then the chapters in order, grouped by the road
// to the patch (COURSE-STYLE.md). Starlight's prev/next links follow it.
import { courseOutline, type Chapter } from '@barrier-lab/exercises';
import { chapterPath } from './course-links.ts';

/** A sidebar link as Starlight's `sidebar` option takes it. */
export interface SidebarLink {
  readonly label: string;
  readonly slug: string;
}

/** A labelled group of sidebar links. */
export interface SidebarGroup {
  readonly label: string;
  // Mutable because Starlight's config type takes plain arrays.
  readonly items: SidebarLink[];
}

/** The parts of the course: which chapters each one holds (inclusive). */
export const courseParts: readonly { readonly label: string; readonly first: number; readonly last: number }[] = [
  { label: 'The shapes', first: 1, last: 6 },
  { label: 'The kernel objects', first: 7, last: 10 },
  { label: 'The patch', first: 11, last: 14 },
];

/** The Starlight slug of a chapter's page (`course/01-interleavings`). */
export function chapterSlug(chapter: Chapter): string {
  return chapterPath(chapter).replace(/^\/|\/$/g, '');
}

/** The sidebar label of a chapter (`1. Interleavings`). */
export function chapterLabel(chapter: Chapter): string {
  return `${chapter.number}. ${chapter.title}`;
}

/**
 * The whole sidebar: "Start here" with Chapter 0, then one group per part.
 * Throws if a chapter of the outline belongs to no part, so a new chapter
 * cannot silently vanish from the navigation.
 */
export function courseSidebar(outline: readonly Chapter[] = courseOutline): SidebarGroup[] {
  const placed = new Set<number>();
  const parts = courseParts.map((part) => ({
    label: part.label,
    items: outline
      .filter((c) => c.number >= part.first && c.number <= part.last)
      .map((c) => {
        placed.add(c.number);
        return { label: chapterLabel(c), slug: chapterSlug(c) };
      }),
  }));
  const lost = outline.filter((c) => !placed.has(c.number));
  if (lost.length > 0) throw new Error(`courseSidebar: no part holds chapter ${lost.map((c) => c.number).join(', ')}`);
  return [{ label: 'Start here', items: [{ label: 'Chapter 0: how to use this course', slug: 'course/how-to-use' }] }, ...parts];
}

import { courseOutline, type Chapter } from '@barrier-lab/exercises';

/** A chapter as the site shows it: its link, or none while it is being written. */
export interface ChapterEntry {
  readonly label: string;
  readonly goal: string;
  readonly href: string | undefined;
}

/** The site path of a chapter's page. */
export function chapterPath(chapter: Chapter): string {
  return `/course/${String(chapter.number).padStart(2, '0')}-${chapter.slug}/`;
}

/**
 * The course outline for the landing page. `published` holds the paths of the
 * chapter pages that exist; the others are listed without a link, never with a
 * broken one.
 */
export function chapterEntries(published: ReadonlySet<string>): ChapterEntry[] {
  return courseOutline.map((chapter) => {
    const path = chapterPath(chapter);
    return {
      label: `${chapter.number}. ${chapter.title}`,
      goal: chapter.goal,
      href: published.has(path) ? path : undefined,
    };
  });
}

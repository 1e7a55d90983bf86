// Which exercises each chapter page holds, by the page's path: what the
// sidebar's progress marks count (and what a progress page can list).
import { courseOutline, exercises } from '@barrier-lab/exercises';
import { chapterPath } from './course-links.ts';

/** Chapter page path → the ids of its exercises, in the catalog's order; chapters without exercises are left out. */
export function exercisesByChapterPath(): Record<string, string[]> {
  const byPath: Record<string, string[]> = {};
  for (const chapter of courseOutline) {
    const ids = exercises().filter((e) => e.chapter === chapter.number).map((e) => e.id);
    if (ids.length > 0) byPath[chapterPath(chapter)] = ids;
  }
  return byPath;
}

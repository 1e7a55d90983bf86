import { describe, expect, it } from 'vitest';
import { courseOutline } from '@barrier-lab/exercises';
import { chapterEntries, chapterPath } from './course-links.ts';

describe('chapterEntries', () => {
  it('builds zero-padded chapter paths from the outline', () => {
    expect(chapterPath(courseOutline[0]!)).toBe('/course/01-interleavings/');
    expect(chapterPath(courseOutline[13]!)).toBe('/course/14-capstone/');
  });

  it('links only the chapters that are published', () => {
    const entries = chapterEntries(new Set(['/course/02-message-passing/']));
    expect(entries).toHaveLength(courseOutline.length);
    expect(entries.filter((e) => e.href).map((e) => e.href)).toEqual(['/course/02-message-passing/']);
    expect(entries[1]?.label).toBe('2. Message passing');
  });
});

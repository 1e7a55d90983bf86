import { describe, expect, it } from 'vitest';
import { chapter, courseOutline } from './course-outline.ts';

describe('courseOutline', () => {
  it('numbers its chapters 1..n in order', () => {
    expect(courseOutline.map((c) => c.number)).toEqual(courseOutline.map((_, i) => i + 1));
    expect(courseOutline.length).toBe(14);
  });

  it('has unique, URL-safe slugs and a goal per chapter', () => {
    const slugs = courseOutline.map((c) => c.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const c of courseOutline) {
      expect(c.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.goal.length).toBeGreaterThan(20);
    }
  });

  it('says its goals in words a newcomer reads on the landing page, not the shapes\' abbreviations', () => {
    // The goals are the landing page's chapter cards, read before any chapter:
    // "SB" or "MP" is a name the course has not given yet.
    for (const c of courseOutline) expect(c.goal, `chapter ${c.number}`).not.toMatch(/\b(MP|SB|LB|WRC|IRIW)\b/);
  });

  it('looks chapters up by number', () => {
    expect(chapter(11)?.slug).toBe('patch-ksm');
    expect(chapter(0)).toBeUndefined();
  });
});

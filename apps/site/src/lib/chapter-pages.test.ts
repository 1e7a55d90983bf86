// The chapter pages as files: one per chapter of the outline, at the path
// chapterPath() links to, titled as the outline says, ending with every
// exercise of its chapter (and no other chapter's).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { courseOutline, exercises } from '@barrier-lab/exercises';
import { chapterPath } from './course-links.ts';
import { courseParts, courseSidebar } from './course-sidebar.ts';

const docs = fileURLToPath(new URL('../content/docs', import.meta.url));

function pageSource(path: string): string {
  return readFileSync(`${docs}${path.replace(/\/$/, '')}.mdx`, 'utf8');
}

describe('the chapter pages', () => {
  for (const chapter of courseOutline) {
    const path = chapterPath(chapter);
    describe(`chapter ${chapter.number} (${path})`, () => {
      it('exists at the path the landing page links to', () => {
        expect(existsSync(`${docs}${path.replace(/\/$/, '')}.mdx`)).toBe(true);
      });

      it('is titled as the outline says', () => {
        expect(pageSource(path)).toMatch(new RegExp(`^---\\ntitle: "Chapter ${chapter.number}: ${chapter.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
      });

      it('embeds every exercise of its chapter once, and ends with its exercises', () => {
        const source = pageSource(path);
        const embedded = [...source.matchAll(/<Exercise id="([^"]+)" \/>/g)].map((m) => m[1]);
        const own = exercises().filter((e) => e.chapter === chapter.number).map((e) => e.id);
        expect([...embedded].sort()).toEqual([...own].sort());
        // After the last exercise comes nothing but the folded debrief of the exercises.
        const tail = source.slice(source.lastIndexOf('<Exercise id='));
        const rest = tail.replace(/^<Exercise id="[^"]+" \/>/, '').replace(/<WhatJustHappened>[\s\S]*<\/WhatJustHappened>/, '').trim();
        expect(rest).toBe('');
      });
    });
  }
});

describe('courseSidebar', () => {
  it('lists Chapter 0, then chapters 1 to 14 in order, each at its page', () => {
    const links = courseSidebar().flatMap((group) => group.items);
    expect(links[0]?.slug).toBe('course/how-to-use');
    expect(links.slice(1).map((l) => `/${l.slug}/`)).toEqual(courseOutline.map(chapterPath));
    expect(links.slice(1).map((l) => l.label)).toEqual(courseOutline.map((c) => `${c.number}. ${c.title}`));
  });

  it('refuses an outline with a chapter no part holds', () => {
    const past = Math.max(...courseParts.map((p) => p.last)) + 1;
    expect(() => courseSidebar([...courseOutline, { number: past, slug: 'extra', title: 'Extra', goal: '' }])).toThrow(`chapter ${past}`);
  });
});

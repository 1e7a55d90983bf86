// The course's abbreviations and kernel words are explained where a learner
// first meets them, reading the pages in order (Chapter 0, then chapters 1 to
// 14): the first paragraph that uses one also says what it is, or an earlier
// one did. Code blocks do not count as a use (code may run ahead of the
// prose); what the page shows as text (prose, figure labels, claim labels)
// does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { courseOutline } from '@barrier-lab/exercises';
import { chapterPath } from './course-links.ts';

const docs = new URL('../content/docs', import.meta.url);

/** A page's text as paragraphs, without its front matter, imports, code blocks and MDX comments. */
function paragraphs(path: string): string[] {
  const source = readFileSync(new URL(`${docs.pathname}${path.replace(/\/$/, '')}.mdx`, 'file://'), 'utf8');
  const prose = source
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^import .*$/gm, '')
    .replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '');
  return prose.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

const readingOrder = ['/course/how-to-use/', ...courseOutline.map(chapterPath)];

/** Each term, and what a sentence explaining it says. */
const terms: readonly { term: RegExp; explained: RegExp }[] = [
  { term: /\bTLBs?\b/, explained: /translation|cached? (address )?translation|translation lookaside buffer/ },
  { term: /\bRCU\b/, explained: /read-copy-update/i },
  { term: /\bKSM\b/, explained: /same-page merging/ },
  { term: /\bGUP\b/, explained: /get_user_pages/ },
  { term: /\bPTEs?\b/, explained: /page-table entry/ },
  { term: /\bIPIs?\b/, explained: /inter-processor interrupt/ },
  { term: /\bIRQs?\b/, explained: /interrupts (are )?(disabled|off)[^.]*\bIRQs?\b|\bIRQs?\b[^.]*interrupts/ },
  { term: /\bPMDs?\b/, explained: /PMD[^.]*(one level up|level above|points to (a|the) (page )?table)/ },
];

describe('terms are explained where the course first uses them', () => {
  for (const { term, explained } of terms) {
    it(`${term.source}: ${explained.source}`, () => {
      for (const path of readingOrder) {
        const page = paragraphs(path);
        const first = page.findIndex((p) => term.test(p));
        if (first < 0) continue;
        const upToFirst = page.slice(0, first + 1);
        expect(upToFirst.some((p) => explained.test(p)), `${path} uses ${term.source} first in: "${page[first]}"`).toBe(true);
        return;
      }
      throw new Error(`no page uses ${term.source}`);
    });
  }
});

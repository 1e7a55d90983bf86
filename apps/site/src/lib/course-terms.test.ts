// The course's abbreviations and kernel words are explained where a learner
// first meets them, reading the pages in order (Chapter 0, then chapters 1 to
// 14): the first paragraph that uses one also says what it is, or an earlier
// one did. Code blocks do not count as a use (code may run ahead of the
// prose); what the page shows as text (prose, figure labels, claim labels)
// does.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check, courseOutline, exercise } from '@barrier-lab/exercises';
import { chapterPath } from './course-links.ts';

const docs = new URL('../content/docs', import.meta.url);

const figures = new URL('../components/figures/', import.meta.url);

/**
 * The words a hand-drawn figure writes in its picture (its SVG's `<text>`
 * elements written out, not computed), where the page shows it: a label
 * such as "PTE" is a use of the word.
 */
function figureWords(source: string): string {
  return source.replace(/<([A-Z][A-Za-z]*)\b[^>]*\/>/g, (tag, name: string) => {
    const file = new URL(`${name}.astro`, figures);
    if (!existsSync(file)) return tag;
    const texts = [...readFileSync(file, 'utf8').matchAll(/<text\b[^>]*>([^<{]+)<\/text>/g)].map((m) => m[1]!.trim());
    return `${tag} ${texts.join(' ')}`;
  });
}

/** A page's text as paragraphs, without its front matter, imports, code blocks and MDX comments; hand-drawn figures' labels included. */
function paragraphs(path: string): string[] {
  const source = readFileSync(new URL(`${docs.pathname}${path.replace(/\/$/, '')}.mdx`, 'file://'), 'utf8');
  const prose = figureWords(source)
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
  { term: /\bFOLL_WRITE\b/, explained: /FOLL_WRITE`? \(a pin for writing\)/ },
  { term: /\bFOLL_PIN\b/, explained: /FOLL_PIN`? \(the flag that asks GUP for a pin/ },
  { term: /\bPMDs?\b/, explained: /PMD[^.]*(one level up|level above|points to (a|the) (page )?table)/ },
  // The poison the chapters write in hex, which every result prints in decimal.
  { term: /\b0x6b\b/, explained: /0x6b[^.]*\b107\b/ },
  // The line at the top of every program with TLB flushes, from chapter 8's exercises on.
  { term: /@flush\b/, explained: /`\/\/ @flush ipi` or\s+`\/\/ @flush broadcast`/ },
  // The checker's stand-in for a user-space store, drawn in chapter 8's first figure.
  { term: /\buser_write\(\)/, explained: /`user_write\(\)` is CPU 1's store from user space/ },
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

// The litmus tests on the pages end with a condition in herd7's notation, and
// the checker's results quote final states in it. Chapter 1 reads it out
// before chapter 2's tests and the first result a learner gets use it.
describe('chapter 1 reads out the notation of a litmus test\'s last line', () => {
  const chapterOne = paragraphs('/course/01-interleavings/').join('\n');
  const chapterTwo = readFileSync(new URL('../litmus/02-mp.litmus', import.meta.url), 'utf8');

  it('the thread-local 1:r0=1, and /\\ for and, which chapter 2\'s first test uses', () => {
    expect(chapterTwo).toMatch(/exists \(1:r0=1 \/\\ 1:r1=0\)/);
    expect(chapterOne).toMatch(/`1:r0=1` means P1's `r0` ends as 1/);
    expect(chapterOne).toMatch(/`\/\\` means \*and\*/);
  });

  it('exists, forall and ~exists', () => {
    expect(chapterOne).toMatch(/`exists \(counter=1\)` asks whether some execution ends/);
    expect(chapterOne).toMatch(/`forall \(counter=2\)`, every execution ends/);
    expect(chapterOne).toMatch(/`~exists \(\.\.\.\)`, no execution ends/);
  });

  it('a shared variable in brackets, as the checker names it in chapter 1\'s first result', () => {
    const first = check('lost-update-atomic', exercise('lost-update-atomic')!.starter.source);
    const named = /\[counter\]=1/.exec(first.summary)?.[0];
    expect(named, first.summary).toBe('[counter]=1');
    expect(chapterOne).toContain(`it names a shared variable in brackets: \`${named}\``);
  });
});

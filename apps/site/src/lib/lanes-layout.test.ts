import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { exercise } from '@barrier-lab/exercises';
import { layoutLanes, renumberSteps, textWidth, wrap, shorten, type LanesLayout } from './lanes-layout.ts';
import { outcomeExecution, OutcomeMismatch } from './outcome-execution.ts';

function source(id: string, file: 'starter' | 'solution' = 'starter'): string {
  const found = exercise(id);
  if (!found) throw new Error(id);
  if (found.kind === 'predict') return found.program.source;
  return file === 'starter' ? found.starter.source : found.solutions[0]!.source;
}

describe('outcomeExecution', () => {
  it('finds the MP execution where P1 sees the flag but the old message, under lkmm', () => {
    const found = outcomeExecution('mp', source('mp-wmb-rmb'), { model: 'lkmm', outcome: 'allowed' });
    const reads = found.timeline.steps.filter((s) => s.kind === 'R').map((s) => `${s.loc}=${s.value}`);
    expect(reads).toEqual(['flag=1', 'msg=0']);
  });

  it('refuses to draw MP as possible on x86, where the engine finds no such execution', () => {
    expect(() => outcomeExecution('mp', source('mp-wmb-rmb'), { model: 'tso', outcome: 'allowed' })).toThrow(OutcomeMismatch);
  });

  it('draws the candidate lkmm rules out once smp_wmb()/smp_rmb() are in, and refuses to call the starter forbidden', () => {
    const found = outcomeExecution('mp+wmb+rmb', source('mp-wmb-rmb', 'solution'), { model: 'lkmm', outcome: 'forbidden' });
    expect(found.timeline.steps.filter((s) => s.kind === 'F').map((s) => s.statement)).toEqual(['smp_wmb()', 'smp_rmb()']);
    expect(() => outcomeExecution('mp', source('mp-wmb-rmb'), { model: 'lkmm', outcome: 'forbidden' })).toThrow(/finds an execution giving it/);
  });

  it('reports a test that does not parse with its line', () => {
    expect(() => outcomeExecution('bad', 'C bad\n{}\nP0(int *x) { WRITE_ONCE(*x, ; }\nexists (x=1)\n', { model: 'sc', outcome: 'allowed' })).toThrow(/line \d+:\d+/);
  });
});

describe('layoutLanes', () => {
  const sb = outcomeExecution('sb', source('sb-full-barriers'), { model: 'tso', outcome: 'allowed' });
  const layout = layoutLanes({ ...sb, outcome: 'allowed', banner: 'Possible on x86: both CPUs read 0' });

  it('gives one lane per CPU and one box per statement, in the order they ran', () => {
    expect(layout.lanes.map((l) => l.label)).toEqual(['CPU 0', 'CPU 1']);
    expect(layout.boxes.map((b) => [b.thread, b.code.join(' ')])).toEqual([
      [0, 'WRITE_ONCE(*x, 1)'], [0, 'r0 = READ_ONCE(*y)'], [1, 'WRITE_ONCE(*y, 1)'], [1, 'r0 = READ_ONCE(*x)'],
    ]);
    const ys = layout.boxes.map((b) => b.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(layout.initially).toBe('x = 0, y = 0');
  });

  it('says what each statement did, and why the last read is surprising', () => {
    expect(layout.boxes[0]!.effect).toEqual(['stores x = 1']);
    expect(layout.boxes[3]!.effect).toEqual(['reads x = 0 (initial value)']);
    expect(layout.boxes[3]!.note.join(' ')).toBe('Old value: CPU 0\'s x = 1 is not visible here yet.');
    expect(layout.boxes.some((b) => b.crossed)).toBe(false);
  });

  it('draws a reads-from arrow between CPUs and none for initial values', () => {
    const mp = outcomeExecution('mp', source('mp-wmb-rmb'), { model: 'lkmm', outcome: 'allowed' });
    const lanes = layoutLanes({ ...mp, outcome: 'allowed', banner: 'x' });
    expect(lanes.arrows.map((a) => [lanes.boxes[a.from]!.code.join(' '), lanes.boxes[a.to]!.code.join(' ')])).toEqual([['WRITE_ONCE(*flag, 1)', 'r0 = READ_ONCE(*flag)']]);
    expect(layout.arrows).toEqual([]);
  });

  it('keeps no row for the arrows\' legend when the store a read reads from has no box (a TLB\'s bookkeeping)', () => {
    const mp = outcomeExecution('mp', source('mp-wmb-rmb'), { model: 'lkmm', outcome: 'allowed' });
    const read = mp.timeline.steps.find((s) => s.readsFrom && !s.readsFrom.initial && s.readsFrom.thread !== s.thread)!;
    const hidden = { ...mp, timeline: { ...mp.timeline, steps: mp.timeline.steps.map((s) => (s.event === read.readsFrom!.event ? { ...s, tlb: 'exit' as const } : s)) } };
    const shown = layoutLanes({ ...mp, outcome: 'allowed', banner: 'x' });
    const lanes = layoutLanes({ ...hidden, outcome: 'allowed', banner: 'x' });
    expect(shown.legend).toBeDefined();
    expect(lanes.arrows).toEqual([]);
    expect(lanes.legend).toBeUndefined();
    // The boxes start where a picture without arrows starts theirs: no blank row above them.
    expect(lanes.boxes[0]!.y).toBe(shown.boxes[0]!.y - 18);
  });

  it('merges an atomic\'s read and write into one box', () => {
    const lost = outcomeExecution('lost', source('lost-update-atomic'), { model: 'sc', outcome: 'allowed' });
    const pin = outcomeExecution('pin', source('pin-then-recheck-after-atomic'), { model: 'lkmm', outcome: 'allowed' });
    const grab = layoutLanes({ ...pin, outcome: 'allowed', banner: 'x' }).boxes.find((b) => b.code[0]!.startsWith('try_grab_folio'));
    expect(grab?.effect.join(' ')).toBe('reads refcount = 1 (initial value), then stores refcount = GUP_PIN_COUNTING_BIAS+1');
    expect(layoutLanes({ ...lost, outcome: 'allowed', banner: 'x' }).boxes.filter((b) => b.fence)).toHaveLength(2);
  });

  it('says what a flush\'s barrier step does, where its code alone is the same line as its read and store (chapter 13)', () => {
    const unmap = readFileSync(new URL('../litmus/13-unmap-before-the-patch.litmus', import.meta.url), 'utf8');
    const run = outcomeExecution('unmap', unmap, { model: 'lkmm', outcome: 'allowed', flush: 'broadcast' });
    const boxes = layoutLanes({ ...run, outcome: 'allowed', banner: 'x' }).boxes;
    const flush = boxes.find((b) => b.fence && b.code[0]!.includes('ptep_clear_flush'));
    expect(flush?.effect.join(' ')).toMatch(/full barrier on this CPU/);
    // A plain barrier's code says it all: nothing more under it.
    const lost = outcomeExecution('lost', source('lost-update-atomic'), { model: 'sc', outcome: 'allowed' });
    expect(layoutLanes({ ...lost, outcome: 'allowed', banner: 'x' }).boxes.filter((b) => b.fence).map((b) => b.effect)).toEqual([[], []]);
  });

  it('crosses out the steps a forbidden outcome needs, and says so in its text alternative', () => {
    const mp = outcomeExecution('mp+wmb+rmb', source('mp-wmb-rmb', 'solution'), { model: 'lkmm', outcome: 'forbidden' });
    const lanes = layoutLanes({ ...mp, outcome: 'forbidden', banner: 'Never under lkmm' });
    expect(lanes.boxes.filter((b) => b.crossed).map((b) => b.code.join(' '))).toEqual(['r1 = READ_ONCE(*msg)']);
    expect(lanes.description).toContain('This step cannot happen.');
    expect(lanes.description.endsWith('Never under lkmm')).toBe(true);
  });

  it('names what each CPU plays, in the lanes and in the text alternative', () => {
    const named = layoutLanes({ ...sb, outcome: 'allowed', banner: 'x', roles: ['KSM', 'GUP-fast'] });
    expect(named.lanes.map((l) => [l.label, l.role])).toEqual([['CPU 0', 'KSM'], ['CPU 1', 'GUP-fast']]);
    expect(named.boxes[0]!.y).toBe(layout.boxes[0]!.y + 16);
    expect(named.description.startsWith('CPU 0 (KSM) and CPU 1 (GUP-fast) side by side')).toBe(true);
  });

  it('tells the whole picture in its text alternative', () => {
    expect(layout.description).toMatch(/^CPU 0 and CPU 1 side by side, time going down\. Initially x = 0, y = 0\. 1\. CPU 0: WRITE_ONCE\(\*x, 1\), stores x = 1\./);
  });

  it('leaves the TLB\'s hidden bookkeeping out of "Initially": a user access names only the program\'s locations', () => {
    const stale = [
      'C stale', '{ ptep=1; }',
      'P0(int *ptep, int *page) { set_pte_at(ptep, PTE_NONE); WRITE_ONCE(*page, 7); }',
      'P1(int *ptep, int *page) { int r; r = user_write(ptep, page, 42); }',
      'exists (1:r=0 /\\ page=42)',
    ].join('\n');
    const found = outcomeExecution('stale', stale, { model: 'sc', outcome: 'allowed' });
    expect(found.timeline.steps.some((s) => s.tlb === 'enter')).toBe(true);
    const lanes = layoutLanes({ ...found, outcome: 'allowed', banner: 'x' });
    expect(lanes.initially).toBe('page = 0, ptep = PTE_WRITE');
  });
});

describe('values by the kernel names the test used, as the check says them', () => {
  const chapterTest = (file: string) => readFileSync(new URL(`../litmus/${file}`, import.meta.url), 'utf8');
  /** Every line of text a box or "Initially" shows. */
  const texts = (l: LanesLayout) => [...l.initiallyLines, ...l.boxes.flatMap((b) => [...b.effect, ...b.note])];

  it('chapter 13\'s unmap: "Initially pte = PTE_WRITE", the clear stores PTE_NONE, the pin GUP_PIN_COUNTING_BIAS, and never their numbers', () => {
    const found = outcomeExecution('unmap', chapterTest('13-unmap-before-the-patch.litmus'), { model: 'lkmm', outcome: 'allowed', flush: 'broadcast' });
    for (const compact of [false, true]) {
      const lanes = layoutLanes({ ...found, outcome: 'allowed', banner: 'x', compact });
      expect(lanes.initially).toBe('flags = 1, pte = PTE_WRITE, refcount = 0');
      const effects = lanes.boxes.map((b) => b.effect.join(' '));
      expect(effects).toContain('stores pte = PTE_NONE');
      expect(effects).toContain('stores pte = PTE_SWAP');
      // (On a phone the name is cut across lines: GUP_PIN_COUNTING_ / BIAS.)
      expect(effects.join('\n')).toMatch(/stores refcount = GUP_PIN_COUNTING_ ?BIAS\b/);
      // (On a phone the name is cut across lines: GUP_PIN_COUNTING_ / BIAS.)
      expect(lanes.boxes.map((b) => b.note.join(compact ? '' : ' ')).join('\n')).toContain(compact ? 'refcount =GUP_PIN_COUNTING_BIAS is' : 'CPU 1\'s refcount = GUP_PIN_COUNTING_BIAS is not visible here yet.');
      expect(texts(lanes).join('\n')).not.toMatch(/pte = \d|refcount = 1024/);
      expect(lanes.description).toContain('Initially flags = 1, pte = PTE_WRITE, refcount = 0.');
    }
  });

  it('a freed page table: pmd_clear() stores PMD_NONE, the walk reads PMD_TABLE and PT_FREED', () => {
    const e = exercise('rcu-freed-page-tables');
    if (!e || e.kind === 'predict') throw new Error('rcu-freed-page-tables');
    const wrong = e.wrong.find((w) => w.file === 'wrong-free-before-unhook.litmus')!.source;
    const found = outcomeExecution('free', wrong, { model: 'lkmm', outcome: 'allowed', flush: 'broadcast' });
    const lanes = layoutLanes({ ...found, outcome: 'allowed', banner: 'x' });
    expect(lanes.initially).toBe('pmdp = PMD_TABLE, ptep = PTE_WRITE');
    const effects = lanes.boxes.map((b) => b.effect.join(' '));
    expect(effects).toEqual(expect.arrayContaining(['stores pmdp = PMD_NONE', 'stores ptep = PT_FREED', 'reads pmdp = PMD_TABLE (initial value)']));
    expect(effects.join('\n')).toMatch(/reads ptep = PT_FREED \(CPU 0's store\)/);
    expect(effects.join('\n')).not.toMatch(/= (0|4|107)\b/);
  });

  it('keeps a long name inside a phone\'s lane: GUP_PIN_COUNTING_BIAS+1 wraps within the lane, and so does "Initially"', () => {
    const found = outcomeExecution('gup', source('gup-fast-broadcast-flush'), { model: 'lkmm', outcome: 'allowed' });
    const narrow = layoutLanes({ ...found, outcome: 'allowed', banner: 'x', compact: true });
    const pin = narrow.boxes.find((b) => b.code.join('').startsWith('try_grab_folio'))!;
    expect(pin.effect.join('')).toContain('GUP_PIN_COUNTING_BIAS+1');
    expect(pin.effect).toContain('GUP_PIN_COUNTING_');
    expect(narrow.boxes.flatMap((b) => b.effect).every((line) => textWidth(line) <= 22)).toBe(true);
    expect(narrow.boxes.flatMap((b) => b.note).every((line) => textWidth(line) <= 20)).toBe(true);
    // A long "Initially" takes more lines, and the boxes move down to make room.
    const names = { ...found.names, pte: [{ constant: 'PTE_WRITE', value: 1, counts: false }], refcount: [{ constant: 'GUP_PIN_COUNTING_BIAS', value: 1024, counts: true }] };
    const twice = { ...found.witness, events: found.witness.events.map((ev) => (ev.thread < 0 && ev.loc === 'refcount' ? { ...ev, value: '2049' } : ev)) };
    const long = layoutLanes({ ...found, witness: twice, names, outcome: 'allowed', banner: 'x', compact: true });
    expect(long.initially).toBe('pte = PTE_WRITE, refcount = 2*GUP_PIN_COUNTING_BIAS+1');
    expect(long.initiallyLines.length).toBeGreaterThan(1);
    expect(long.initiallyLines.every((line) => 26 + 2 + textWidth(line) * 6.5 <= long.width - 12)).toBe(true);
    // The same lanes with numbers only: one line of "Initially", the boxes higher.
    const short = layoutLanes({ ...found, names: {}, outcome: 'allowed', banner: 'x', compact: true });
    expect(short.initiallyLines).toHaveLength(1);
    expect(long.boxes[0]!.y).toBeGreaterThan(short.boxes[0]!.y);
  });
});

describe('"Initially" above the lanes', () => {
  it('is a row of its own: its lines end above the lanes, which start below it, at both widths (chapter 13)', () => {
    const found = outcomeExecution('unmap', readFileSync(new URL('../litmus/13-unmap-before-the-patch.litmus', import.meta.url), 'utf8'), { model: 'lkmm', outcome: 'allowed', flush: 'broadcast' });
    for (const compact of [false, true]) {
      const lanes = layoutLanes({ ...found, outcome: 'allowed', banner: 'x', compact, roles: ['try_to_unmap_one()', 'GUP-fast'] });
      const lastBaseline = lanes.initiallyY + 16 * (lanes.initiallyLines.length - 1);
      expect(lanes.initiallyLines.length).toBeGreaterThan(0);
      // A baseline with the descenders (about 4 units) clear of the lanes' top edge.
      expect(lastBaseline + 4).toBeLessThan(lanes.lanesTop);
      expect(Math.min(...lanes.boxes.map((b) => b.y))).toBeGreaterThan(lanes.lanesTop + 39);
    }
  });
});

describe('a note that names steps', () => {
  it('names the boxes of the picture, not the steps of the engine\'s timeline', () => {
    // GUP-fast's pin is one box for two timeline steps (its read and its write), so its re-read is box 5, not step 6.
    const found = outcomeExecution('gup', source('gup-fast-broadcast-flush'), { model: 'lkmm', outcome: 'allowed' });
    const engine = found.timeline.steps.flatMap((s) => s.notes).find((n) => n.kind === 'split-access')!.message;
    const lanes = layoutLanes({ ...found, outcome: 'allowed', banner: 'x' });
    const reread = lanes.boxes.find((b) => b.thread === 1 && b.code.join(' ').startsWith('now = '))!;
    const note = lanes.boxes.map((b) => b.note.join(' ')).find((n) => n.includes('still read the old'))!;
    expect(note).toMatch(new RegExp(`still read the old pte at steps \\d+ and ${reread.order}\\b`));
    expect(note).not.toBe(engine);
  });

  it('renumbers one step, a list, and merges two steps of one box', () => {
    const boxes = new Map([[1, 1], [3, 3], [4, 4], [5, 4], [6, 5], [7, 6]]);
    expect(renumberSteps('read at step 1 and clears it (see step 7)', boxes)).toBe('read at step 1 and clears it (see step 6)');
    expect(renumberSteps('CPU 1 still read the old pte at steps 3 and 6', boxes)).toBe('CPU 1 still read the old pte at steps 3 and 5');
    expect(renumberSteps('at steps 4, 5 and 6', boxes)).toBe('at steps 4 and 5');
    expect(renumberSteps('at steps 4 and 5', boxes)).toBe('at step 4');
  });
});

describe('compact lanes', () => {
  it('fit two CPUs in a phone\'s width by wrapping, and tell the same story', () => {
    const sb = outcomeExecution('sb', source('sb-full-barriers'), { model: 'tso', outcome: 'allowed' });
    const full = layoutLanes({ ...sb, outcome: 'allowed', banner: 'Possible on x86: both CPUs read 0' });
    const compact = layoutLanes({ ...sb, outcome: 'allowed', banner: 'Possible on x86: both CPUs read 0', compact: true });
    expect(compact.width).toBeLessThanOrEqual(400);
    expect(compact.boxes.map((b) => b.code.join(' '))).toEqual(full.boxes.map((b) => b.code.join(' ')));
    expect(compact.boxes.flatMap((b) => [...b.code, ...b.effect, ...b.note]).every((line) => line.length <= 22)).toBe(true);
    expect(full.boxes.flatMap((b) => b.effect).some((line) => line.length > 22)).toBe(true);
    expect(compact.description).toBe(full.description);
  });
});

describe('wrap and shorten', () => {
  it('wraps code into at most two lines', async () => {
    const { wrapCode } = await import('./lanes-layout.ts');
    expect(wrapCode('set_pte_at(pte, entry)', 19)).toEqual(['set_pte_at(pte,', 'entry)']);
    expect(wrapCode('r0 = atomic_read(counter)', 18)).toEqual(['r0 = atomic_read(', 'counter)']);
    expect(wrapCode('atomic_set(counter, r0 + 1)', 18)).toEqual(['atomic_set(', 'counter, r0 + 1)']);
    expect(wrapCode('smp_mb()', 18)).toEqual(['smp_mb()']);
    expect(wrapCode('orig = ptep_get_lockless(pte)', 18, 3)).toEqual(['orig =', 'ptep_get_lockless(', 'pte)']);
    expect(wrapCode('smp_mb__before_atomic()', 18, 3)).toEqual(['smp_mb__before_ato', 'mic()']);
    expect(wrapCode('a b c d e f g h i j k l m n o p q', 5)).toHaveLength(2);
  });
  it('wraps at spaces within the width', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });
  it('breaks a word longer than a line after an underscore or before a + or *, and joins its pieces without a space', () => {
    // Capitals are wider: a kernel constant takes more room than its length.
    expect(textWidth('GUP_PIN_COUNTING_BIAS')).toBe(25.5);
    expect(wrap('stores refcount = 2*GUP_PIN_COUNTING_BIAS+1', 22)).toEqual(['stores refcount =', '2*GUP_PIN_', 'COUNTING_BIAS+1']);
    expect(wrap('= GUP_PIN_COUNTING_BIAS+1 (initial value)', 26)).toEqual(['=', 'GUP_PIN_COUNTING_BIAS', '+1 (initial value)']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
  it('shortens with an ellipsis', () => {
    expect(shorten('set_pte_at(pte,   entry)', 12)).toBe('set_pte_at(…');
    expect(shorten('short', 12)).toBe('short');
  });
});

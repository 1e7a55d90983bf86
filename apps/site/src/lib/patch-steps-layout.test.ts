import { describe, expect, it } from 'vitest';
import { layoutPatchSteps, stepTextX, type PatchVariant } from './patch-steps-layout.ts';

const variants: readonly PatchVariant[] = ['ksm-flush', 'no-pte-change', 'deferred-flush', 'all'];

describe('layoutPatchSteps', () => {
  for (const variant of variants) {
    for (const patched of [false, true]) {
      describe(`${variant}, ${patched ? 'after' : 'before'} the patch`, () => {
        const layout = layoutPatchSteps(variant, patched);

        it('draws every step of the patch\'s comment once, A1-A4 left and B1-B5 right', () => {
          const steps = layout.boxes.filter((b) => b.kind === 'step');
          expect(steps.map((b) => b.id).sort()).toEqual(['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'B4', 'B5']);
          for (const b of steps) expect(b.lane).toBe(b.id.startsWith('A') ? 0 : 1);
        });

        it('keeps each column in program order, no box overlapping another, inside the picture', () => {
          for (const lane of [0, 1]) {
            const column = layout.boxes.filter((b) => b.lane === lane).sort((a, b) => a.y - b.y);
            for (let i = 1; i < column.length; i++) expect(column[i]!.y).toBeGreaterThanOrEqual(column[i - 1]!.y + column[i - 1]!.height);
          }
          for (const b of layout.boxes) {
            expect(b.x).toBeGreaterThanOrEqual(0);
            expect(b.x + b.width).toBeLessThanOrEqual(layout.width);
            expect(b.y + b.height).toBeLessThan(layout.height);
          }
        });

        it('fits every text in its box or gap at the sizes PatchSteps.astro draws (wide glyph estimates)', () => {
          // Glyph widths of DejaVu Sans, a wide font (Chromium measured PageAnonExclusive at 126 px in 13 px text):
          // 0.58 em for the 13-unit step text after its id; for the 12-unit monospace barriers DejaVu Sans Mono's 0.602 em
          // (1233/2048) less their -0.03 em letter-spacing, and 4 units clear of the box's edges on each side.
          for (const b of layout.boxes) {
            for (const line of b.lines) {
              const drawn = b.kind === 'step' ? stepTextX + line.length * 13 * 0.58 : line.length * 12 * (0.602 - 0.03) + 4;
              expect(drawn, `${b.id}: ${line}`).toBeLessThanOrEqual(b.width - 4);
            }
          }
          const gap = layout.lanes[1]!.x - (layout.lanes[0]!.x + layout.laneWidth);
          for (const a of layout.arrows) for (const line of a.label) expect(line.length * 12 * 0.6, line).toBeLessThanOrEqual(gap);
        });

        it('breaks no kernel name across lines: PageAnonExclusive stays whole', () => {
          const lines = layout.boxes.filter((b) => b.kind === 'step').flatMap((b) => b.lines);
          expect(lines.filter((l) => l.includes('PageAnonExclusive')).length).toBeGreaterThan(0);
          expect(lines.filter((l) => /PageAnon(?!Exclusive)|^ve\b/.test(l))).toEqual([]);
        });

        it('puts the two barriers of a pair on one row, joined by a horizontal arrow', () => {
          const pairs = layout.arrows.filter((a) => a.kind === 'pair');
          expect(pairs.length).toBeGreaterThan(0);
          for (const pair of pairs) expect(pair.path).toMatch(/^M[\d.]+,([\d.]+) H[\d.]+$/);
          for (const [left, right] of [['ksm-sb', 'gup-sb'], ['ksm-mp', 'gup-mp']]) {
            const a = layout.boxes.find((b) => b.id === left);
            const b = layout.boxes.find((x) => x.id === right);
            if (a || b) expect(a?.y).toBe(b?.y);
          }
        });

        it('tells the whole picture in its text alternative', () => {
          for (const id of ['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'B4', 'B5']) expect(layout.description).toContain(`${id}, `);
          expect(layout.caption).toMatch(/^[A-Z].*\.$/);
        });
      });
    }
  }

  it('shows the code as it was: KSM has its flush, GUP-fast nothing after the pin, and that pair is broken', () => {
    const layout = layoutPatchSteps('ksm-flush', false);
    expect(layout.boxes.find((b) => b.id === 'ksm-sb')?.state).toBe('there');
    expect(layout.boxes.find((b) => b.id === 'gup-sb')?.state).toBe('missing');
    expect(layout.arrows.filter((a) => a.kind === 'pair').map((a) => a.broken)).toEqual([true]);
    expect(layout.description).toContain('then no barrier');
  });

  it('shows the patch\'s four barriers in the capstone, two unbroken pairs and the message B4 reads', () => {
    const layout = layoutPatchSteps('all', true);
    expect(layout.boxes.filter((b) => b.kind === 'slot').map((b) => `${b.id}=${b.lines[0]}`)).toEqual([
      'ksm-sb=smp_mb()', 'gup-sb=smp_mb__after_atomic()', 'ksm-mp=smp_mb__after_atomic()', 'gup-mp=smp_rmb()',
    ]);
    expect(layout.arrows.map((a) => `${a.kind}:${a.broken}`)).toEqual(['pair:false', 'pair:false', 'reads:false']);
  });

  it('leaves case 2 out of the chapters about case 1: no second pair, no message', () => {
    for (const variant of ['ksm-flush', 'deferred-flush'] as const) {
      const layout = layoutPatchSteps(variant, true);
      expect(layout.boxes.some((b) => b.id.endsWith('-mp'))).toBe(false);
      expect(layout.arrows.some((a) => a.kind === 'reads')).toBe(false);
    }
  });
});

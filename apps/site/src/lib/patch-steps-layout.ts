// The patch's own outline of the race, as data: the steps its comment in
// page_try_share_anon_rmap() names, (A1)-(A4) on the side that clears
// PageAnonExclusive and (B1)-(B5) on GUP-fast's, the barriers between them
// and which barrier pairs with which. PatchSteps.astro draws it the way
// chapter 6 draws a pairing: one column per CPU in program order, each pair
// of barriers on one row, joined by a "paired with" arrow.
import { wrap } from './lanes-layout.ts';

/** Which part of the patch a chapter is about. */
export type PatchVariant =
  /** Chapter 11: KSM's write_protect_page(), clear and flush, against a writable pin (case 1). */
  | 'ksm-flush'
  /** Chapter 12: the PTE was read-only and comes back unchanged (case 2). */
  | 'no-pte-change'
  /** Chapter 13: try_to_unmap_one() and migration, clear now and flush later. */
  | 'deferred-flush'
  /** Chapter 14: the commit message's example, every barrier. */
  | 'all';

export type StepId = 'A1' | 'A2' | 'A3' | 'A4' | 'B1' | 'B2' | 'B3' | 'B4' | 'B5';
export type SlotId = 'ksm-sb' | 'gup-sb' | 'ksm-mp' | 'gup-mp';
type Lane = 0 | 1;

/** A barrier position: there before the patch, added by it, or missing (nothing orders the two steps). */
export type SlotState = 'there' | 'added' | 'missing';

export interface PatchBox {
  readonly kind: 'step' | 'slot';
  /** `A1` ... `B5` for a step, the slot's id for a barrier. */
  readonly id: string;
  readonly lane: Lane;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly lines: readonly string[];
  /** Drawn strong: what the chapter is about. */
  readonly focus: boolean;
  readonly state?: SlotState;
}

export interface PatchArrow {
  readonly kind: 'pair' | 'reads';
  /** SVG path data. */
  readonly path: string;
  /** The label, one or two lines (the second goes below the arrow). */
  readonly label: readonly string[];
  readonly labelX: number;
  /** The baseline of the label's first line. */
  readonly labelY: number;
  /** A pair with a missing barrier: no partner to pair with. */
  readonly broken: boolean;
}

export interface PatchStepsLayout {
  readonly width: number;
  readonly height: number;
  readonly lanes: readonly { readonly label: string; readonly x: number }[];
  readonly laneWidth: number;
  readonly boxes: readonly PatchBox[];
  readonly arrows: readonly PatchArrow[];
  /** What the picture shows, in a sentence: the figure's caption, as text that reflows. */
  readonly caption: string;
  readonly title: string;
  /** The picture told in sentences, for its text alternative. */
  readonly description: string;
}

// Narrow enough that a phone draws the picture at about its own size (it
// spans the screen there, see PatchSteps.astro), so 13-unit text is ~13 px;
// the lanes are as wide as "PageAnonExclusive" needs, the gap between them as
// wide as a two-line pair label.
const width = 380;
const laneWidth = 164;
const laneX: readonly [number, number] = [2, width - 2 - laneWidth];
/** Where a step's text starts in its box, after its id. */
export const stepTextX = 30;
// In textWidth's units (a capital counts 1.25): PageAnonExclusive is 17.75 and must
// stay whole (Chromium draws it 126 px wide in 13 px text, 156 px with the id, in a
// 164 px box); a lower-case line is then at most 17 characters, which the fit test's
// wide-glyph estimate also takes.
const textChars = 17.75;
/** Baseline distance from a label's first line (above an arrow) to its second (below it). */
export const labelLineGap = 19;
const lineHeight = 15;
const rowGap = 10;
const top = 36;

interface StepText { readonly id: StepId; readonly lane: Lane; readonly text: string }

function steps(variant: PatchVariant): readonly StepText[] {
  const writablePin = variant === 'ksm-flush' || variant === 'deferred-flush';
  const a1 = {
    'ksm-flush': 'Clear the PTE and flush the TLBs',
    'no-pte-change': 'Clear the PTE and flush the TLBs',
    'deferred-flush': 'Clear the PTE; the flush comes later',
    all: 'Clear the PTE',
  }[variant];
  return [
    { id: 'A1', lane: 0, text: a1 },
    { id: 'A2', lane: 0, text: 'Pinned? Back off if so' },
    { id: 'A3', lane: 0, text: 'Clear PageAnonExclusive' },
    { id: 'A4', lane: 0, text: variant === 'deferred-flush' ? 'Install a swap or migration entry' : variant === 'ksm-flush' ? 'Restore the PTE, read-only' : 'Restore the same read-only PTE' },
    { id: 'B1', lane: 1, text: 'Read the PTE' },
    { id: 'B2', lane: 1, text: writablePin ? 'Not writable? Back off' : 'Skipped: no FOLL_WRITE' },
    { id: 'B3', lane: 1, text: 'Pin the page' },
    { id: 'B4', lane: 1, text: 'PTE changed? Back off' },
    { id: 'B5', lane: 1, text: 'PageAnonExclusive clear? Back off' },
  ];
}

interface SlotText { readonly id: SlotId; readonly lane: Lane; readonly label: string; readonly state: SlotState }

/** The barriers a variant shows, before or after the patch. */
function slots(variant: PatchVariant, patched: boolean): readonly SlotText[] {
  const added = (label: string): { label: string; state: SlotState } => (patched ? { label, state: 'added' } : { label: 'nothing', state: 'missing' });
  const flushBarrier = { label: 'flush = full barrier', state: 'there' as const };
  switch (variant) {
    case 'ksm-flush':
      return [
        { id: 'ksm-sb', lane: 0, ...flushBarrier },
        { id: 'gup-sb', lane: 1, ...added('smp_mb__after_atomic()') },
      ];
    case 'no-pte-change':
      return [
        { id: 'ksm-sb', lane: 0, ...flushBarrier },
        { id: 'gup-sb', lane: 1, label: 'smp_mb__after_atomic()', state: 'there' },
        { id: 'ksm-mp', lane: 0, ...added('smp_mb__after_atomic()') },
        { id: 'gup-mp', lane: 1, ...added('smp_rmb()') },
      ];
    case 'deferred-flush':
      return [
        { id: 'ksm-sb', lane: 0, ...added('smp_mb()') },
        { id: 'gup-sb', lane: 1, ...added('smp_mb__after_atomic()') },
      ];
    case 'all':
      return [
        { id: 'ksm-sb', lane: 0, ...added('smp_mb()') },
        { id: 'gup-sb', lane: 1, ...added('smp_mb__after_atomic()') },
        { id: 'ksm-mp', lane: 0, ...added('smp_mb__after_atomic()') },
        { id: 'gup-mp', lane: 1, ...added('smp_rmb()') },
      ];
  }
}

/** The steps each variant is about. */
const focusSteps: Readonly<Record<PatchVariant, readonly StepId[]>> = {
  'ksm-flush': ['A1', 'A2', 'B3', 'B4'],
  'no-pte-change': ['A3', 'A4', 'B4', 'B5'],
  'deferred-flush': ['A1', 'A2', 'B3', 'B4'],
  all: ['A1', 'A2', 'A3', 'A4', 'B3', 'B4', 'B5'],
};

/** The caption under the picture, in a beginner's words. */
function captionText(variant: PatchVariant, patched: boolean): string {
  switch (variant) {
    case 'ksm-flush':
      return patched
        ? 'Store buffering, with a full barrier on each side: either A2 sees the pin, or B4 sees the cleared PTE.'
        : 'Store buffering: KSM has a full barrier between A1 and A2 (the flush). GUP-fast has nothing between B3 and B4.';
    case 'no-pte-change':
      return patched
        ? 'Message passing: if B4 reads the PTE that A4 put back, B5 sees that A3 cleared the flag.'
        : 'Message passing, unordered: B4 can read the PTE that A4 put back and B5 still see the flag set.';
    case 'deferred-flush':
      return patched
        ? 'The barrier pair does what the flush did: either A2 sees the pin, or B4 sees the cleared PTE.'
        : 'With the flush moved later, nothing orders A1 before A2, nor B3 before B4.';
    case 'all':
      return patched
        ? 'The patch: smp_mb() pairs with the barrier after the pin, smp_mb__after_atomic() after the flag clear with smp_rmb().'
        : 'The commit\'s example before the patch: no flush after A1 and no barrier on either side.';
  }
}

/**
 * Row of each step and slot. GUP-fast's column starts two rows higher, so
 * that each pair of barriers shares a row: A1 beside B3, the first pair
 * beside each other, and (when shown) the second pair beside each other.
 */
const rowOf: Readonly<Record<StepId | SlotId, number>> = {
  B1: 0, B2: 1, A1: 2, B3: 2, 'ksm-sb': 3, 'gup-sb': 3, A2: 4, A3: 5, B4: 5, 'ksm-mp': 6, 'gup-mp': 6, A4: 7, B5: 7,
};

/** Lays out the patch's steps for one chapter. */
export function layoutPatchSteps(variant: PatchVariant, patched: boolean): PatchStepsLayout {
  const focus = new Set<string>(focusSteps[variant]);
  const shownSlots = slots(variant, patched);
  const slotFocus = (id: SlotId) => variant === 'all' || (id.endsWith('-mp') ? variant === 'no-pte-change' : variant !== 'no-pte-change');
  const items = [
    ...steps(variant).map((s) => ({ kind: 'step' as const, id: s.id, lane: s.lane, lines: wrap(s.text, textChars), focus: focus.has(s.id), state: undefined })),
    ...shownSlots.map((s) => ({ kind: 'slot' as const, id: s.id, lane: s.lane, lines: [s.label], focus: slotFocus(s.id), state: s.state })),
  ];
  const heightOf = (item: (typeof items)[number]) => (item.kind === 'slot' ? 28 : 13 + lineHeight * item.lines.length);
  const rows = Math.max(...Object.values(rowOf)) + 1;
  const rowHeights = Array.from({ length: rows }, (_, r) => Math.max(0, ...items.filter((i) => rowOf[i.id as StepId] === r).map(heightOf)));
  const rowTops: number[] = [];
  let y = top;
  for (const h of rowHeights) {
    rowTops.push(y);
    y += h + (h > 0 ? rowGap : 0);
  }
  const boxes: PatchBox[] = items.map((item) => {
    const row = rowOf[item.id as StepId];
    const height = heightOf(item);
    // A box shorter than its row sits in the row's middle, so that rows read across.
    const boxY = rowTops[row]! + (rowHeights[row]! - height) / 2;
    return { kind: item.kind, id: item.id, lane: item.lane, x: laneX[item.lane], y: boxY, width: laneWidth, height, lines: item.lines, focus: item.focus, ...(item.state ? { state: item.state } : {}) };
  });
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const arrows: PatchArrow[] = [];
  const gapLeft = laneX[0] + laneWidth;
  const gapRight = laneX[1];
  for (const [left, right] of [['ksm-sb', 'gup-sb'], ['ksm-mp', 'gup-mp']] as const) {
    const a = byId.get(left);
    const b = byId.get(right);
    if (!a || !b) continue;
    const mid = a.y + a.height / 2;
    const broken = a.state === 'missing' || b.state === 'missing';
    arrows.push({
      kind: 'pair', path: `M${gapLeft + 2},${mid} H${gapRight - 2}`, label: broken ? ['no', 'pair'] : ['paired', 'with'],
      labelX: (gapLeft + gapRight) / 2, labelY: mid - 6, broken,
    });
  }
  // Case 2 is a message: GUP-fast's re-check (B4) reads the PTE that A4 put back.
  if (variant === 'no-pte-change' || variant === 'all') {
    const from = byId.get('A4')!;
    const to = byId.get('B4')!;
    const y1 = from.y + from.height / 2;
    const y2 = to.y + to.height - 6;
    arrows.push({
      kind: 'reads', path: `M${gapLeft + 2},${y1} C${gapLeft + 40},${y1} ${gapRight - 40},${y2} ${gapRight - 3},${y2}`,
      label: ['read', 'by B4'], labelX: (gapLeft + gapRight) / 2, labelY: y1 + 16, broken: false,
    });
  }
  const height = Math.max(...boxes.map((b) => b.y + b.height), ...arrows.map((a) => a.labelY + (a.label.length - 1) * labelLineGap + 4)) + 4;
  const title = `The patch's steps, KSM (A1 to A4) against GUP-fast (B1 to B5)${patched ? '' : ', before the patch'}: ${focusSteps[variant].join(', ')}`;
  return {
    width, height, laneWidth,
    lanes: [{ label: variant === 'deferred-flush' ? 'CPU 0: unmapping' : 'CPU 0: KSM', x: laneX[0] }, { label: 'CPU 1: GUP-fast', x: laneX[1] }],
    boxes, arrows, caption: captionText(variant, patched), title,
    description: describe(variant, boxes),
  };
}

function describe(variant: PatchVariant, boxes: readonly PatchBox[]): string {
  const column = (lane: Lane) => boxes
    .filter((b) => b.lane === lane)
    .sort((a, b) => a.y - b.y)
    .map((b) => (b.kind === 'step' ? `${b.id}, ${b.lines.join(' ')}` : b.state === 'missing' ? 'then no barrier' : `then ${b.lines.join(' ')}${b.state === 'added' ? ' (added by the patch)' : ''}`))
    .join('; ');
  const who = variant === 'deferred-flush' ? 'CPU 0, unmapping or migrating' : 'CPU 0, KSM';
  return `Two columns, each in program order. ${who}: ${column(0)}. CPU 1, GUP-fast: ${column(1)}. Highlighted: ${focusSteps[variant].join(', ')}.`;
}

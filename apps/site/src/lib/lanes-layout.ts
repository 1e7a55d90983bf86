// Swim lanes for a chapter's picture, laid out from the engine's own
// timeline of an execution: one lane per CPU, time going down, one box per
// statement that ran, an arrow from each store to the loads that read it.
// The boxes and arrows are data here; LitmusLanes.astro draws them, so the
// picture is always an execution the checker found (or, for a forbidden
// outcome, the candidate it ruled out).
import type { Witness } from '@barrier-lab/engine';
import { nameValue, type Timeline, type TimelineNoteKind, type TimelineStep, type ValueNames } from '@barrier-lab/engine/explain';
import { fenceStepWords } from '../workbench/step-words.ts';

/** One statement that ran: the consecutive steps of one CPU from one source call. */
export interface LaneBox {
  readonly id: number;
  readonly thread: number;
  /** The order in which the boxes ran, from 1. */
  readonly order: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The statement as written, wrapped (or, past two lines, shortened) to fit. */
  readonly code: readonly string[];
  /**
   * What it did, in words (`stores x = 1`, `reads x = 0 (initial value)`),
   * values by their kernel names (`stores pmdp = PMD_NONE`), wrapped to lines.
   */
  readonly effect: readonly string[];
  /** Why this step is surprising (it read an old value, it ran ahead), wrapped to lines. */
  readonly note: readonly string[];
  readonly fence: boolean;
  /** Drawn crossed out: a step the model forbids (forbidden pictures only). */
  readonly crossed: boolean;
}

/** A "reads from" arrow between two boxes of different CPUs. */
export interface LaneArrow {
  readonly from: number;
  readonly to: number;
  /** SVG path data. */
  readonly path: string;
}

/** The whole picture, in SVG user units. */
export interface LanesLayout {
  readonly width: number;
  readonly height: number;
  readonly lanes: readonly { readonly thread: number; readonly label: string; readonly role?: string; readonly x: number; readonly width: number }[];
  /** `x = 0, y = 0`: the values before any CPU runs (locations the picture shows), by their kernel names. */
  readonly initially: string;
  /** `Initially x = 0, y = 0`, wrapped to the picture's width. */
  readonly initiallyLines: readonly string[];
  /** Baseline of the first "Initially ..." line: above the lanes, since it holds before any CPU runs. */
  readonly initiallyY: number;
  /** Where the lanes' boxes (and their "CPU n" labels) start: below "Initially". */
  readonly lanesTop: number;
  readonly boxes: readonly LaneBox[];
  readonly arrows: readonly LaneArrow[];
  /** Where the "reads from" legend goes (its right end); absent when there is no arrow. */
  readonly legend?: { readonly x: number; readonly y: number };
  /** Where the time arrow runs, at the left. */
  readonly time: { readonly x: number; readonly top: number; readonly bottom: number };
  /** The outcome banner at the bottom. */
  readonly banner: { readonly y: number; readonly lines: readonly string[] };
  /** The picture told in sentences, for its text alternative. */
  readonly description: string;
}

/** What the picture shows: an execution the model allows, or the one it forbids. */
export type LanesOutcome = 'allowed' | 'forbidden';

export interface LanesInput {
  readonly timeline: Timeline;
  readonly witness: Witness;
  readonly outcome: LanesOutcome;
  /** The banner's text, e.g. `Possible under the Linux kernel memory model: P1 sees the flag but the old data`. */
  readonly banner: string;
  /** Narrow lanes for a phone: the same picture, text wrapped to more lines. */
  readonly compact?: boolean;
  /**
   * The kernel constants the test used (outcome-execution.ts): the initial
   * values are said by them, as the timeline's steps already are
   * (`Initially pmdp = PMD_TABLE`).
   */
  readonly names?: ValueNames;
  /** What each CPU plays, by CPU number (`['KSM', 'GUP-fast']`): lanes read `CPU 0: KSM`. */
  readonly roles?: readonly string[];
}

/** Geometry, in SVG units at which 13px text is readable. */
interface Geometry {
  readonly left: number;
  readonly laneWidth: number;
  readonly laneGap: number;
  readonly codeChars: number;
  readonly textChars: number;
  /** Notes are bold, so fewer characters fit. */
  readonly noteChars: number;
  readonly bannerChars: number;
}

const wide: Geometry = { left: 40, laneWidth: 272, laneGap: 30, codeChars: 31, textChars: 37, noteChars: 33, bannerChars: 72 };
const narrow: Geometry = { left: 26, laneWidth: 172, laneGap: 14, codeChars: 18, textChars: 22, noteChars: 20, bannerChars: 43 };
const right = 12;
const rowGap = 14;
/** Distance between two lines of text in a box. */
export const lineHeight = 17;
/** From a box's top edge to its first line's baseline. */
export const firstBaseline = 21;

/** Lays out `input.timeline` as swim lanes. Deterministic: the same timeline gives the same picture. */
export function layoutLanes(input: LanesInput): LanesLayout {
  const { timeline, witness, outcome } = input;
  const { left, laneWidth, laneGap, codeChars, textChars, noteChars, bannerChars } = input.compact ? narrow : wide;
  const threads = timeline.threads;
  const laneX = (thread: number) => left + threads.indexOf(thread) * (laneWidth + laneGap);
  const width = left + threads.length * laneWidth + (threads.length - 1) * laneGap + right;
  // The TLB's hidden bookkeeping (a user access's SRCU section, a flush's
  // wait for it) is no location of the program: it gets no "Initially".
  const hidden = new Set(['enter', 'exit', 'wait']);
  const shown = new Set(timeline.steps.filter((s) => !hidden.has(s.tlb ?? '')).map((s) => s.loc).filter((l): l is string => l !== undefined));
  const initially = witness.events
    .filter((e) => e.thread < 0 && e.kind === 'W' && e.loc !== undefined && shown.has(e.loc))
    .map((e) => `${e.loc} = ${nameValue(input.names ?? {}, e.loc!, e.value ?? '0') ?? e.value ?? '0'}`)
    .join(', ');
  // About 6.5 units a character: "Initially ..." wraps at the picture's
  // width (long kernel names). It is a row of its own above the lanes: drawn
  // inside them it ran across the gap into CPU 1's lane.
  const charWidth = 6.5;
  const initiallyLines = initially ? wrap(`Initially ${initially}`, Math.floor((width - right - (left - 5)) / charWidth)) : [];
  const lanesTop = initiallyLines.length > 0 ? 6 + initiallyLines.length * 16 + 6 : 6;
  // A lane's role goes on a line of its own under "CPU n".
  const roleRow = threads.some((t) => input.roles?.[t]) ? 16 : 0;
  const groups = groupSteps(timeline.steps.filter((s) => s.tlb !== 'enter' && s.tlb !== 'exit'));
  // A read gets an arrow from another CPU's store that has a box (a TLB's bookkeeping has none).
  const boxed = new Set(groups.flat().map((s) => s.event));
  const arrowTo = (s: TimelineStep): s is CrossLaneRead => readsAcrossLanes(s) && boxed.has(s.readsFrom.event);
  // The "reads from" legend takes a row under the lane labels when an arrow will be drawn (below).
  const hasArrows = groups.some((g) => g.some(arrowTo));
  const top = lanesTop + (hasArrows ? 60 : 42) + roleRow;
  const boxOfEvent = new Map<number, number>();
  const surprising = new Set(groups.filter((g) => g.some((s) => s.notes.length > 0)).map((g) => g[0]!.step));
  // A forbidden picture crosses out the steps that break the order; a
  // candidate whose steps all look in order has its last read crossed.
  const lastRead = [...groups].reverse().find((g) => g.some((s) => s.kind === 'R'));
  const crossedKeys = outcome === 'forbidden' ? (surprising.size > 0 ? surprising : new Set(lastRead ? [lastRead[0]!.step] : [])) : new Set<number>();

  // The engine's notes count the timeline's steps; the picture numbers its boxes.
  const boxOrder = new Map<number, number>();
  for (const [i, group] of groups.entries()) for (const s of group) boxOrder.set(s.step, i + 1);
  let y = top;
  const boxes: LaneBox[] = groups.map((group, i) => {
    const first = group[0]!;
    const fence = group.every((s) => s.kind === 'F');
    const note = wrap(group.flatMap((s) => s.notes.map((n) => noteText(n.kind, s, timeline, boxOrder))).join(' '), noteChars);
    // A fence box says what its statement does when the code alone does not (ptep_clear_flush()'s
    // barrier step, after its read and its store of the same line); smp_mb() says itself.
    const effect = wrap(fence ? fenceStepWords(first) : effectText(group), textChars);
    const code = wrapCode(first.statement, codeChars, input.compact ? 3 : 2);
    const lines = code.length + effect.length + note.length;
    const height = fence ? 11 + lineHeight * (code.length + effect.length) : 12 + lineHeight * lines;
    const box: LaneBox = {
      id: i,
      thread: first.thread,
      order: i + 1,
      x: laneX(first.thread),
      y,
      width: laneWidth,
      height,
      code,
      effect,
      note,
      fence,
      crossed: crossedKeys.has(first.step),
    };
    for (const s of group) boxOfEvent.set(s.event, i);
    y += height + rowGap;
    return box;
  });

  const arrows: LaneArrow[] = [];
  for (const [i, group] of groups.entries()) {
    for (const s of group) {
      if (!arrowTo(s)) continue;
      const from = boxOfEvent.get(s.readsFrom.event)!;
      if (arrows.some((a) => a.from === from && a.to === i)) continue;
      arrows.push({ from, to: i, path: arrowPath(boxes[from]!, boxes[i]!, laneGap) });
    }
  }

  const bannerLines = wrap(input.banner, bannerChars);
  const bannerY = y + 6;
  return {
    width,
    height: bannerY + 16 + bannerLines.length * lineHeight,
    lanes: threads.map((thread) => ({ thread, label: `CPU ${thread}`, ...(input.roles?.[thread] ? { role: input.roles[thread] } : {}), x: laneX(thread), width: laneWidth })),
    initially,
    initiallyLines,
    initiallyY: 18,
    lanesTop,
    boxes,
    arrows,
    ...(arrows.length > 0 ? { legend: { x: width - right - 4, y: lanesTop + 46 + roleRow } } : {}),
    time: { x: left - 24 < 12 ? 12 : left - 24, top: top, bottom: y - rowGap },
    banner: { y: bannerY, lines: bannerLines },
    description: describe(threads.map((t) => (input.roles?.[t] ? `CPU ${t} (${input.roles[t]})` : `CPU ${t}`)), initially, boxes, input.banner),
  };
}

/** Consecutive steps of one CPU from the same source call form one box (an atomic's read and write). */
export function groupSteps(steps: readonly TimelineStep[]): TimelineStep[][] {
  const groups: TimelineStep[][] = [];
  for (const s of steps) {
    const last = groups.at(-1)?.at(-1);
    const same = last && last.thread === s.thread && last.line === s.line && last.span.column === s.span.column && last.kind !== 'F' && s.kind !== 'F';
    if (same) groups.at(-1)!.push(s);
    else groups.push([s]);
  }
  return groups;
}

/** A step's value as the picture says it: by the kernel name the test gave it (`PMD_NONE`), else the number. */
function valueText(s: TimelineStep): string {
  return s.named ?? s.value ?? '?';
}

type CrossLaneRead = TimelineStep & { readsFrom: NonNullable<TimelineStep['readsFrom']> };

/** A read of another CPU's store: an arrow from that store's box to this one. */
function readsAcrossLanes(step: TimelineStep): step is CrossLaneRead {
  return step.readsFrom !== undefined && !step.readsFrom.initial && step.readsFrom.thread !== step.thread;
}

/** What a box's steps did, in a beginner's words, values by their kernel names. */
export function effectText(group: readonly TimelineStep[]): string {
  return group
    .map((s) => {
      if (s.kind === 'W') return `stores ${s.loc ?? '?'} = ${valueText(s)}`;
      if (s.kind === 'R') {
        const from = s.readsFrom;
        const what = `reads ${s.loc ?? '?'} = ${valueText(s)}`;
        if (!from) return what;
        if (from.initial) return `${what} (initial value)`;
        if (from.thread === s.thread) return `${what} (its own store)`;
        return `${what} (CPU ${from.thread}'s store)`;
      }
      return '';
    })
    .filter((t) => t !== '')
    .join(', then ');
}

function noteText(kind: TimelineNoteKind, step: TimelineStep, timeline: Timeline, boxOrder: ReadonlyMap<number, number>): string {
  // A call whose read and write are steps apart says why in the engine's own
  // words, its step numbers turned into the numbers of the picture's boxes.
  if (kind === 'split-access') return renumberSteps(step.notes.find((n) => n.kind === 'split-access')!.message, boxOrder);
  if (kind === 'stale-read') {
    const note = step.notes.find((n) => n.kind === 'stale-read')!;
    const newer = timeline.steps.find((s) => s.event === note.events.at(-1));
    return newer ? `Old value: CPU ${newer.thread}'s ${newer.loc} = ${valueText(newer)} is not visible here yet.` : 'Old value: a newer store is not visible here yet.';
  }
  const note = step.notes.find((n) => n.kind === 'ran-ahead')!;
  const earlier = timeline.steps.find((s) => s.event === note.events[0]);
  return earlier ? `Ran ahead of ${shorten(earlier.statement, 24)}, which comes first in the code.` : 'Ran ahead of program order.';
}

/**
 * `message` with each step number it names (`at step 1`, `at steps 3 and 6`,
 * `see step 7`) replaced by the number of the box holding that step; a
 * list that names one box twice names it once.
 */
export function renumberSteps(message: string, boxOrder: ReadonlyMap<number, number>): string {
  return message.replace(/\bsteps? (\d+(?:(?:, | and )\d+)*)/g, (_, list: string) => {
    const numbers = [...new Set(list.split(/, | and /).map((n) => boxOrder.get(Number(n)) ?? Number(n)))];
    const last = numbers.pop()!;
    return `step${numbers.length > 0 ? 's' : ''} ${numbers.length > 0 ? `${numbers.join(', ')} and ${last}` : last}`;
  });
}

/** An arrow leaves its store from the side facing the reader, at its effect line, and enters the load likewise. */
function arrowPath(from: LaneBox, to: LaneBox, gap: number): string {
  const rightward = to.x > from.x;
  const x1 = rightward ? from.x + from.width : from.x;
  const x2 = rightward ? to.x - 2 : to.x + to.width + 2;
  const y1 = from.y + firstBaseline - 4 + lineHeight * from.code.length;
  const y2 = to.y + firstBaseline - 4 + lineHeight * to.code.length;
  const bend = (rightward ? 1 : -1) * Math.max(gap, 24);
  return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
}

/**
 * Wraps a statement into at most `maxLines` lines, breaking after an opening
 * parenthesis or a space (so after a comma or an `=`), as a kernel
 * programmer would; a name longer than a line is cut across lines, and only
 * what still does not fit is shortened.
 */
export function wrapCode(statement: string, width: number, maxLines = 2): string[] {
  const flat = statement.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return [flat];
  const pieces = flat.split(/(?<=[( ])/).flatMap((piece) => {
    const chunks: string[] = [];
    for (let i = 0; i < piece.length; i += width) chunks.push(piece.slice(i, i + width));
    return chunks;
  });
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line !== '' && (line + piece).trimEnd().length > width) {
      lines.push(line.trimEnd());
      line = piece;
    } else {
      line += piece;
    }
  }
  if (line !== '') lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  return [...lines.slice(0, maxLines - 1), shorten(lines.slice(maxLines - 1).join(''), width)];
}

/** Shortens `text` to `max` characters with an ellipsis. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/**
 * How wide `text` is, in characters of lower-case text: a capital letter
 * counts a quarter more (a kernel constant, `GUP_PIN_COUNTING_BIAS`, is
 * wider than its length says).
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const c of text) width += c >= 'A' && c <= 'Z' ? 1.25 : 1;
  return width;
}

/**
 * Breaks `text` into lines at most `width` characters wide (`textWidth`),
 * at spaces. A word wider than a line (`GUP_PIN_COUNTING_BIAS+1` in a
 * phone's lane) is broken after an `_` or before a `+` or `*` where it can
 * be, so it stays in its lane; its pieces join without a space when they
 * share a line.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    breakWord(word, width).forEach((piece, i) => {
      const joined = line === '' ? piece : `${line}${i === 0 ? ' ' : ''}${piece}`;
      if (line !== '' && textWidth(joined) > width) {
        lines.push(line);
        line = piece;
      } else {
        line = joined;
      }
    });
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** `word` in pieces at most `width` wide: cut after an `_` or before a `+` or `*` where one falls in the piece, else where the width ends. */
function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (textWidth(rest) > width) {
    let end = 1;
    while (end < rest.length && textWidth(rest.slice(0, end + 1)) <= width) end++;
    let at = end;
    for (let k = end; k > 0; k--) {
      if (rest[k - 1] === '_' || rest[k] === '+' || rest[k] === '*') {
        at = k;
        break;
      }
    }
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  return [...pieces, rest];
}

function describe(cpuNames: readonly string[], initially: string, boxes: readonly LaneBox[], banner: string): string {
  const cpus = cpuNames.join(' and ').replace(/ and (?=.* and )/g, ', ');
  const start = `${cpus} side by side, time going down.${initially ? ` Initially ${initially}.` : ''}`;
  const steps = boxes.map((b) => {
    const did = b.fence ? 'runs the barrier' : b.effect.join(' ');
    const crossed = b.crossed ? ' This step cannot happen.' : '';
    const note = b.note.length > 0 ? ` ${b.note.join(' ')}` : '';
    return `${b.order}. CPU ${b.thread}: ${b.code.join(' ')}${did ? `, ${did}` : ''}.${note}${crossed}`;
  });
  return [start, ...steps, banner].join(' ');
}

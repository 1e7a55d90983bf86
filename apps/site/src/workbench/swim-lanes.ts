// A counterexample told as swim lanes: one lane per CPU, time going down,
// one card per step saying what ran, what it read and from where, and where
// a CPU ran ahead of its program order or read a stale value. In the
// document it is one ordered list of steps (so a screen reader reads the
// story in order); CSS grid places each step in its CPU's lane.
import type { Timeline, TimelineStep } from '@barrier-lab/engine/explain';
import { element } from './create-element.ts';
import { timelineStepWords } from './step-words.ts';

/** Called when a step is pointed at (or left, with undefined). */
export type StepHover = (step: TimelineStep | undefined) => void;

/** The lanes of `timeline`, with `caption` above them. */
export function swimLanes(timeline: Timeline, caption: string, onHover: StepHover): HTMLElement {
  const lanes = timeline.threads;
  const column = new Map(lanes.map((thread, i) => [thread, i + 1]));
  const list = element('ol', { class: 'wb-lanes-steps', style: `--lanes: ${lanes.length}` });
  timeline.steps.forEach((step, row) => {
    const card = stepCard(step);
    card.style.gridColumn = String(column.get(step.thread) ?? 1);
    card.style.gridRow = String(row + 2);
    card.addEventListener('mouseenter', () => onHover(step));
    card.addEventListener('mouseleave', () => onHover(undefined));
    list.append(card);
  });
  const header = lanes.map((thread, i) =>
    element('li', { class: 'wb-lane-head', 'aria-hidden': 'true', style: `grid-column: ${i + 1}; grid-row: 1` }, `CPU ${thread} (P${thread})`));
  list.prepend(...header);
  return element('figure', { class: 'wb-lanes' },
    element('figcaption', {}, caption),
    list);
}

function stepCard(step: TimelineStep): HTMLLIElement {
  const notes = step.notes.map((note) =>
    element('p', { class: `wb-note wb-note-${note.kind}` },
      element('strong', {}, note.kind === 'ran-ahead' ? 'Ran ahead: ' : 'Stale read: '),
      note.message));
  const what = timelineStepWords(step);
  return element('li', {
    class: `wb-step wb-step-${step.kind}${step.notes.length > 0 ? ' wb-step-weak' : ''}${step.tlb ? ' wb-step-hidden' : ''}`,
    'data-line': step.line,
    'data-event': step.event,
  },
  element('span', { class: 'wb-step-number' }, `Step ${step.step}, CPU ${step.thread}, line ${step.line}`),
  element('code', {}, step.statement),
  what ? element('span', { class: 'wb-step-what' }, what) : null,
  ...notes);
}

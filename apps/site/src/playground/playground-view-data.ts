// The playground's examples and words, built at build time (this module
// imports the exercises catalog and the engine; the browser gets JSON). The
// shapes are the course's own litmus tests and two written for the
// playground; the patch's scenarios are the exercises' own files, so an
// example is always the code a chapter talks about.
import { defaultBudget } from '@barrier-lab/engine';
import { allBarrierWords, kernelCVocabulary } from '../lib/kernel-c-vocabulary.ts';
import { litmusSource } from '../lib/litmus-source.ts';
import mp from '../litmus/02-mp.litmus?raw';
import sb from '../litmus/03-sb.litmus?raw';
import lb from '../litmus/04-lb.litmus?raw';
import wrc from './examples/wrc.litmus?raw';
import iriw from './examples/iriw.litmus?raw';
import type { PlaygroundExample, PlaygroundView } from './playground-view.ts';

/** The examples, in the order of their buttons. */
export function playgroundExamples(): PlaygroundExample[] {
  return [
    { id: 'mp', label: 'MP', group: 'shapes', summary: 'Message passing: can the reader see the flag but the old message?', source: mp },
    { id: 'sb', label: 'SB', group: 'shapes', summary: 'Store buffering: can both CPUs miss each other\u2019s store?', source: sb },
    { id: 'lb', label: 'LB', group: 'shapes', summary: 'Load buffering: can both CPUs read the store the other makes later?', source: lb },
    { id: 'wrc', label: 'WRC', group: 'shapes', summary: 'Write-to-read causality: can a third CPU miss a write the second one saw?', source: wrc },
    { id: 'iriw', label: 'IRIW', group: 'shapes', summary: 'Independent reads of independent writes: can two readers disagree on the order of two writes?', source: iriw },
    {
      id: 'ksm-pte-change', label: 'KSM vs GUP-fast, PTE changes', group: 'patch',
      summary: 'The patch, case 1 as the kernel was: can KSM miss a pin that GUP-fast keeps?', source: litmusSource({ exercise: 'ksm-pte-change-barriers' }),
    },
    {
      id: 'no-pte-change', label: 'No PTE change', group: 'patch',
      summary: 'The patch, case 2 as the kernel was: the flag must be seen in order.', source: litmusSource({ exercise: 'gup-must-unshare-rmb' }),
    },
    {
      id: 'unmap-deferred-flush', label: 'try_to_unmap_one() without its flush', group: 'patch',
      summary: 'The patch, part 3: the barriers carry the ordering, so the flush may be deferred.', source: litmusSource({ exercise: 'unmap-drop-the-flush', file: 'solution.litmus' }),
    },
    {
      id: 'patch', label: 'The patch, all four barriers', group: 'patch',
      summary: 'The commit\u2019s own example with every barrier the patch adds.', source: litmusSource({ exercise: 'capstone-patch', file: 'solution.litmus' }),
    },
  ];
}

/** The JSON the playground page embeds. */
export function playgroundView(): PlaygroundView {
  return { examples: playgroundExamples(), vocabulary: kernelCVocabulary(), barriers: allBarrierWords(), defaultBudget };
}

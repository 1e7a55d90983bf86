// A predict exercise's answer: one choice per model (Never, Sometimes,
// Always) as radio buttons, not a text editor. It reads and writes the same
// text check() takes ("lkmm: Sometimes", one line per model), so saved
// progress and the grader's files are the same thing.
import type { PredictionCheck } from '@barrier-lab/exercises';
import { element } from './create-element.ts';
import type { ModelName, Observation } from './exercise-view.ts';

const outcomes: readonly Observation[] = ['Never', 'Sometimes', 'Always'];

const modelWords: Readonly<Record<ModelName, string>> = {
  sc: 'sc: sequential consistency, one interleaving of the CPUs',
  tso: 'tso: x86, with a store buffer per CPU',
  lkmm: 'lkmm: the Linux kernel memory model',
};

/** The predictions written in `text` (lines `model: Outcome`; anything else is ignored). */
export function readPredictions(text: string, models: readonly ModelName[]): Partial<Record<ModelName, Observation>> {
  const found: Partial<Record<ModelName, Observation>> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([a-z]+)\s*:\s*([A-Za-z]+)\s*$/.exec(line);
    const model = m?.[1] as ModelName | undefined;
    const word = outcomes.find((o) => o.toLowerCase() === m?.[2]?.toLowerCase());
    if (model && models.includes(model) && word) found[model] = word;
  }
  return found;
}

/** The text check() reads for `predictions` (`?` for a model not answered yet). */
export function writePredictions(predictions: Partial<Record<ModelName, Observation>>, models: readonly ModelName[]): string {
  return models.map((m) => `${m}: ${predictions[m] ?? '?'}`).join('\n');
}

/** The radio-button form of a predict exercise; `text` is what check() reads. */
export class PredictionForm {
  readonly root: HTMLElement;
  private readonly marks = new Map<ModelName, HTMLElement>();

  constructor(
    private readonly id: string,
    private readonly models: readonly ModelName[],
    question: string,
    initial: string,
    private readonly onChange: (text: string) => void,
  ) {
    const chosen = readPredictions(initial, models);
    const groups = models.map((model) => {
      const mark = element('span', { class: 'wb-predict-mark', 'aria-live': 'polite' });
      this.marks.set(model, mark);
      return element('fieldset', { class: 'wb-predict-model' },
        element('legend', {}, modelWords[model]),
        ...outcomes.map((outcome) => {
          const inputId = `${id}-${model}-${outcome.toLowerCase()}`;
          const input = element('input', {
            type: 'radio', id: inputId, name: `${id}-${model}`, value: outcome,
            checked: chosen[model] === outcome,
            onchange: () => this.onChange(this.text),
          });
          return element('label', { for: inputId, class: 'wb-predict-choice' }, input, ` ${outcome}`);
        }),
        mark);
    });
    const heading = element('p', { class: 'wb-predict-question', id: `${id}-question` }, question ? `Your prediction: ${question}` : 'Your prediction');
    this.root = element('div', { class: 'wb-predict', role: 'group', 'aria-labelledby': heading.id }, heading, ...groups);
  }

  /** The prediction as check() reads it. */
  get text(): string {
    const predictions: Partial<Record<ModelName, Observation>> = {};
    for (const model of this.models) {
      const checked = this.root.querySelector<HTMLInputElement>(`input[name="${this.id}-${model}"]:checked`);
      if (checked) predictions[model] = checked.value as Observation;
    }
    return writePredictions(predictions, this.models);
  }

  /** Sets every choice from `text`. */
  set text(text: string) {
    const chosen = readPredictions(text, this.models);
    for (const input of this.root.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
      const model = input.name.slice(this.id.length + 1) as ModelName;
      input.checked = chosen[model] === input.value;
    }
    this.showResults([]);
  }

  /** Marks each model right or wrong after a check (an empty list clears the marks). */
  showResults(predictions: readonly PredictionCheck[]): void {
    for (const [model, mark] of this.marks) {
      const p = predictions.find((x) => x.model === model);
      mark.textContent = !p ? '' : p.right ? `Right: ${p.actual}.` : `You said ${p.predicted ?? 'nothing'}; it is ${p.actual}.`;
      mark.className = `wb-predict-mark${p ? (p.right ? ' wb-right' : ' wb-wrong') : ''}`;
    }
  }
}

// Predictions: the learner's answer text for a predict exercise, read line
// by line (`lkmm: Sometimes`, or one word for every model), with located
// diagnostics for anything else.
import type { Diagnostic, ModelName, Observation } from '@barrier-lab/engine';

const words: Record<string, Observation> = { never: 'Never', sometimes: 'Sometimes', always: 'Always' };

export interface ParsedPrediction {
  readonly predictions: Partial<Record<ModelName, Observation>>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads `text` as predictions for `models`; every model needs one. */
export function parsePrediction(text: string, models: readonly ModelName[]): ParsedPrediction {
  const predictions: Partial<Record<ModelName, Observation>> = {};
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  const at = (line: number, column: number, length: number) => ({ line, column, endLine: line, endColumn: column + Math.max(1, length) });
  lines.forEach((raw, i) => {
    const content = raw.replace(/(#|\/\/).*$/, '');
    const trimmed = content.trim();
    if (trimmed === '') return;
    const column = content.indexOf(trimmed) + 1;
    const m = /^(?:([A-Za-z]+)\s*:\s*)?([A-Za-z?]+)$/.exec(trimmed);
    const model = m?.[1]?.toLowerCase();
    const word = m?.[2] ? words[m[2].toLowerCase()] : undefined;
    if (!m || (model !== undefined && !models.includes(model as ModelName)) || !word) {
      const problem = !m
        ? 'write a prediction as "lkmm: Sometimes", or one of Never, Sometimes, Always'
        : model !== undefined && !models.includes(model as ModelName)
          ? `"${m[1]}" is not a model of this exercise (${models.join(', ')})`
          : `"${m[2]}" is not an outcome: write Never, Sometimes or Always`;
      diagnostics.push({ code: 'predict/syntax', severity: 'error', span: at(i + 1, column, trimmed.length), message: problem });
      return;
    }
    for (const target of model ? [model as ModelName] : models) predictions[target] = word;
  });
  if (diagnostics.length === 0) {
    const missing = models.filter((m) => !predictions[m]);
    if (missing.length > 0) {
      diagnostics.push({
        code: 'predict/missing', severity: 'error', span: at(Math.max(1, lines.length), 1, 1),
        message: `no prediction for ${missing.join(', ')}: write e.g. "${missing[0]}: Never"`,
      });
    }
  }
  return { predictions, diagnostics };
}

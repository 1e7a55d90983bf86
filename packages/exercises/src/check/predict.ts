// Predictions: the learner's answer text for a predict exercise, read line
// by line (`lkmm: Sometimes`, or one word for every model), with located
// diagnostics for anything else.
import type { Diagnostic, ModelName, Observation } from '@barrier-lab/engine';

const words: Record<string, Observation> = { never: 'Never', sometimes: 'Sometimes', always: 'Always' };

/** Lines that cannot be read, each with a diagnostic of its own, before the rest are counted in one. */
const shownProblems = 3;

export interface ParsedPrediction {
  readonly predictions: Partial<Record<ModelName, Observation>>;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Reads `text` as predictions for `models`; every model needs one. A line
 * still holding the template's `?` (or nothing after `model:`) is not an
 * error of its own: the lines left to fill are named together, in one
 * `predict/missing` diagnostic.
 */
export function parsePrediction(text: string, models: readonly ModelName[]): ParsedPrediction {
  const predictions: Partial<Record<ModelName, Observation>> = {};
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  const at = (line: number, column: number, length: number) => ({ line, column, endLine: line, endColumn: column + Math.max(1, length) });
  let firstUnfilled: ReturnType<typeof at> | undefined;
  // Each model's own line, so a second one that says otherwise is pointed at rather than silently winning.
  const named = new Map<ModelName, { word: Observation; line: number }>();
  lines.forEach((raw, i) => {
    // A comment runs to the end of the line, a Windows line ending (\r\n) included.
    const content = raw.replace(/\r$/, '').replace(/(#|\/\/).*$/, '');
    const trimmed = content.trim();
    if (trimmed === '') return;
    const column = content.indexOf(trimmed) + 1;
    const unfilled = /^(?:([A-Za-z]+)\s*:\s*)?\??$/.exec(trimmed);
    if (unfilled && (unfilled[1] === undefined || models.includes(unfilled[1].toLowerCase() as ModelName))) {
      firstUnfilled ??= at(i + 1, column, trimmed.length);
      return;
    }
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
    if (model) {
      const earlier = named.get(model as ModelName);
      if (earlier && earlier.word !== word) {
        diagnostics.push({
          code: 'predict/conflict', severity: 'error', span: at(i + 1, column, trimmed.length),
          message: `${model} is predicted twice: ${earlier.word} on line ${earlier.line}, ${word} here. Keep the one you mean.`,
        });
        return;
      }
      named.set(model as ModelName, { word, line: i + 1 });
    }
    for (const target of model ? [model as ModelName] : models) predictions[target] = word;
  });
  if (diagnostics.length > shownProblems + 1) {
    // Another file handed in as a prediction (a program, an essay) has a problem on every line:
    // the first few say what is wrong, one more says how far it goes, so a report stays readable.
    const rest = diagnostics.splice(shownProblems);
    diagnostics.push({
      code: 'predict/syntax', severity: 'error', span: rest[0]!.span,
      message: `${rest.length} more lines, to line ${rest[rest.length - 1]!.span.line}, are not predictions either: is this the right file? `
        + `A prediction is one line per model, such as "${models[models.length - 1] ?? 'lkmm'}: Sometimes".`,
    });
  }
  if (diagnostics.length === 0) {
    const missing = models.filter((m) => !predictions[m]);
    if (missing.length > 0) {
      diagnostics.push({
        code: 'predict/missing', severity: 'error', span: firstUnfilled ?? at(Math.max(1, lines.length), 1, 1),
        message: `No prediction yet for ${list(missing)}: ${firstUnfilled
          ? 'replace each ? with Never, Sometimes or Always'
          : `write one line per model, e.g. "${missing[0]}: Never" (or Sometimes, Always)`}.`,
      });
    }
  }
  return { predictions, diagnostics };
}

/** `sc, tso and lkmm`. */
function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

// A predict exercise's answer template: its `starter.txt` read as data (the
// question, then one `model: ?` line per model), and written back out as the
// text `barrier-lab show` prints and the site puts in the answer box. Every
// such text is an answer check() reads: filled in, it is a prediction; left
// as it is, it is invalid with one message naming the lines still to fill.
import type { ModelName } from '@barrier-lab/engine';
import type { PredictExercise, PredictTemplate } from '../schema/exercise.ts';

/** What fills a line that has not been answered yet. */
export const unanswered = '?';

/** The instruction above the lines to fill in. */
export const fillInstruction = 'Replace each ? below with Never, Sometimes or Always.';

/** Reads `text` (a `starter.txt`) as a template for `models`, or says what is wrong with it, one line per problem. */
export function readTemplate(text: string, models: readonly ModelName[]): { readonly template: PredictTemplate } | { readonly problems: readonly string[] } {
  const question: string[] = [];
  const slots: ModelName[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      if (slots.length > 0) problems.push(`line ${i + 1}: the question comes before the lines to fill in`);
      question.push(line.replace(/^#\s?/, ''));
      return;
    }
    const slot = /^([a-z]+)\s*:\s*\?$/.exec(line);
    const model = slot?.[1] as ModelName | undefined;
    if (!model) problems.push(`line ${i + 1}: expected "# the question" or "model: ?", not "${line}"`);
    else if (!models.includes(model)) problems.push(`line ${i + 1}: "${model}" is not one of the exercise's models (${models.join(', ')})`);
    else if (slots.includes(model)) problems.push(`line ${i + 1}: "${model}" has a line already`);
    else slots.push(model);
  });
  const missing = models.filter((m) => !slots.includes(m));
  if (missing.length > 0) problems.push(`no "${missing[0]}: ?" line: every model needs one`);
  return problems.length > 0 ? { problems } : { template: { question, models: slots } };
}

export interface TemplateOptions {
  /** Put the program first, as comments, so the one text is both what to read and what to answer (what `show` prints). */
  readonly withProgram?: boolean;
  /** Fill each line with the exercise's answer (the reference solution, past the last hint). */
  readonly answered?: boolean;
}

/** The answer text the learner starts from (or, `answered`, the right answer in the same form). */
export function answerTemplate(exercise: PredictExercise, options: TemplateOptions = {}): string {
  const out: string[] = [];
  if (options.withProgram) {
    out.push(`# The program of ${exercise.id} (read it; your answer is the lines at the end):`, '#');
    const program = exercise.program.source.replace(/\n+$/, '');
    out.push(...program.split('\n').map((l) => `#   ${l}`.trimEnd()), '#');
  }
  out.push(...exercise.template.question.map((q) => `# ${q}`.trimEnd()));
  if (!options.answered) out.push(`# ${fillInstruction}`);
  for (const model of exercise.template.models) out.push(`${model}: ${options.answered ? exercise.answer[model] ?? unanswered : unanswered}`);
  return `${out.join('\n')}\n`;
}

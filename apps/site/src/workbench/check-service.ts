// What the check worker does with each request, as a plain object with no
// worker in sight (check-worker.ts wires it to `self`), so Node tests drive
// the same code the browser runs. It owns at most one step-mode session.
import {
  checkExercise, exercise as findExercise, gradeFromCheck, lint, type CheckResult, type Exercise,
} from '@barrier-lab/exercises';
import { runLitmus, type ModelName } from '@barrier-lab/engine';
import { counterexamples, graphToSvg } from '@barrier-lab/engine/explain';
import { stepMode, type StepState } from '@barrier-lab/engine/step';
import { PlaygroundService } from '../playground/playground-service.ts';
import { isPlaygroundRequest } from '../playground/playground-protocol.ts';
import type {
  CheckRequest, CheckResponse, ErrorResponse, PlayResponse, PlayStartRequest, WorkerRequest, WorkerResponse,
} from './worker-protocol.ts';

/** A monotonic clock in milliseconds (performance.now in a worker). */
export type Clock = () => number;

/** Serves workbench requests; one per worker. */
export class CheckService {
  private session: { state: StepState; counterexample?: PlayResponse['counterexample']; replayProblem?: string; tokenProblem?: string } | undefined;
  // The playground's runs, browsing and repairs, served by the same worker.
  private readonly playground: PlaygroundService;
  // Narrowed exercises are kept, so check()'s per-exercise caches (the
  // starter's syntax, a prediction's verdicts) last across checks.
  private readonly variants = new Map<string, Exercise>();

  constructor(private readonly clock: Clock) {
    this.playground = new PlaygroundService(clock);
  }

  /** The one response to `request`; never throws. */
  handle(request: WorkerRequest): WorkerResponse {
    if (isPlaygroundRequest(request)) return this.playground.handle(request);
    try {
      switch (request.type) {
        case 'lint':
          return { type: 'lint', id: request.id, diagnostics: lint(request.exercise, request.source) };
        case 'check':
          return this.check(request);
        case 'play-start':
          return this.playStart(request);
        case 'play-step':
          return this.play(request.id, (state) => stepMode.step(state, request.choice));
        case 'play-undo':
          return this.play(request.id, (state) => stepMode.undo(state));
        case 'play-reset':
          return this.play(request.id, (state) => stepMode.reset(state));
        default:
          return error((request as { id?: number }).id ?? -1, `unknown request type "${(request as { type?: string }).type}"`);
      }
    } catch (e) {
      return error(request.id, `the worker failed: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  private check(request: CheckRequest): CheckResponse | ErrorResponse {
    const base = findExercise(request.exercise);
    if (!base) return error(request.id, `no exercise "${request.exercise}"`);
    const target = this.variant(base, request);
    const started = this.clock();
    const result: CheckResult = checkExercise(target, request.source, request.explain === 'full' ? { explain: 'full' } : {});
    const ms = this.clock() - started;
    const graph = result.explanation?.graph;
    const graphSvg = graph
      ? graphToSvg(graph, {
        title: `${base.title}: ${result.explanation?.counterexample ? 'the counterexample' : 'a forbidden execution'} under ${result.explainedModel ?? ''}`,
        idPrefix: `bl-${base.id}-`,
      })
      : undefined;
    // A wrong prediction explains every wrong model: each block gets its own graph (ids apart, as they share a page).
    const graphSvgs: Partial<Record<ModelName, string>> = {};
    for (const x of result.explanations ?? []) {
      if (!x.explanation?.graph) continue;
      graphSvgs[x.model] = graphToSvg(x.explanation.graph, {
        title: `${base.title}: ${x.explanation.counterexample ? 'the counterexample' : 'a forbidden execution'} under ${x.model}`,
        idPrefix: `bl-${base.id}-${x.model}-`,
      });
    }
    const graded = gradeFromCheck(result);
    return {
      type: 'check', id: request.id, result, ms,
      score: { given: graded.scoreGiven, maximum: graded.scoreMaximum },
      ...(graphSvg ? { graphSvg } : {}),
      ...(result.explanations ? { graphSvgs } : {}),
    };
  }

  /** The exercise with the models and flush flavour of the request (the exercise itself when they are its own). */
  private variant(base: Exercise, request: CheckRequest): Exercise {
    const models = request.models?.length ? base.models.filter((m) => request.models!.includes(m)) : base.models;
    const flush = request.flush ?? base.flush;
    if (models.length === base.models.length && flush === base.flush) return base;
    const key = `${base.id}|${models.join(',')}|${flush ?? ''}`;
    let found = this.variants.get(key);
    if (!found) {
      found = { ...base, models: models.length > 0 ? models : base.models, ...(flush ? { flush } : {}) };
      this.variants.set(key, found);
    }
    return found;
  }

  private playStart(request: PlayStartRequest): PlayResponse | ErrorResponse {
    const options = request.flush ? { flush: request.flush } : {};
    const started = stepMode.start(request.source, request.model, options);
    if (!stepMode.isStepState(started)) {
      const first = started.diagnostics[0];
      return error(request.id, first ? `line ${first.span.line}: ${first.message}` : 'the program does not run');
    }
    const witness = request.replay ?? (() => {
      const run = runLitmus(request.source, { model: request.model, herdHash: false, ...options });
      return run.verdict ? counterexamples(run.verdict)[0]?.witness : undefined;
    })();
    const replayed = witness ? stepMode.replay(started, witness) : undefined;
    // A share link's position: restored when it is a position of this test, else the start and why.
    const restored = request.token ? stepMode.deserialize(request.source, request.model, request.token, options) : undefined;
    const tokenProblem = restored && !stepMode.isStepState(restored)
      ? ('message' in restored ? restored.message : 'the step position does not fit this code')
      : undefined;
    this.session = {
      state: restored && stepMode.isStepState(restored) ? restored : started,
      ...(tokenProblem ? { tokenProblem } : {}),
      ...(replayed?.ok ? { counterexample: replayed.steps } : {}),
      ...(replayed && !replayed.ok ? { replayProblem: replayed.reason } : {}),
      ...(!witness ? { replayProblem: `under ${request.model} the bad outcome never happens: there is no counterexample to replay` } : {}),
    };
    return this.respond(request.id);
  }

  private play(id: number, move: (state: StepState) => StepState): PlayResponse | ErrorResponse {
    if (!this.session) return error(id, 'no step session: start one first');
    this.session.state = move(this.session.state);
    return this.respond(id);
  }

  private respond(id: number): PlayResponse {
    const { state, counterexample, replayProblem, tokenProblem } = this.session!;
    // Said once, with the position it replaced.
    this.session!.tokenProblem = undefined;
    const outcome = stepMode.finalState(state);
    return {
      type: 'play', id, state,
      choices: state.finished ? [] : stepMode.choices(state),
      ...(counterexample ? { counterexample } : {}),
      ...(replayProblem ? { replayProblem } : {}),
      ...(outcome ? { outcome } : {}),
      token: stepMode.serialize(state),
      ...(tokenProblem ? { tokenProblem } : {}),
    };
  }
}

function error(id: number, message: string): ErrorResponse {
  return { type: 'error', id, message };
}

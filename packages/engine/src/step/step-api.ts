// Step mode's public functions, grouped so the package entry exports them as
// one namespace (`stepMode.start(...)`, `stepMode.step(...)`): their short
// names read well there and clash with nothing.
export { start, choices, step, undo, reset, isFinished, finalState, isStepState } from './step-mode.ts';
export { replay } from './replay.ts';
export { serialize, deserialize } from './step-token.ts';

// @barrier-lab/engine/step: play the machine. Start a test, pick which CPU
// runs next and which store a read reads among those the model allows, undo,
// replay a counterexample, and save or restore a position as a token.
export * as stepMode from './step/step-api.ts';
export type {
  StepState, StepChoice, StoreRef, StepOption, CpuChoices, CpuView, TakenStep, EventView, MemoryCell, StepOptions,
  StepExploration, StepOutcome, StepStartFailure, StepTokenError, ReplayResult,
} from './step/step-types.ts';

// @barrier-lab/exercises: the course's exercises as data, and the one
// check()/grade() that the site (in a Web Worker) and the grader share.
export type { Chapter } from './course-outline.ts';
export { chapter, courseOutline } from './course-outline.ts';
export type {
  Exercise, CodeExercise, PredictExercise, ExerciseKind, EditRule, MayChange, PredictTemplate, ExerciseFile, WrongVariant, OverFencedVariant, Hints, ReachGuard,
} from './schema/exercise.ts';
export { pricedKinds } from './schema/may-change.ts';
export { exerciseJsonSchema, parseExerciseJson, type ExerciseJson } from './schema/exercise-schema.ts';
export { validateExercise, type ValidationResult } from './schema/validate-exercise.ts';
export type { ExerciseFolder } from './catalog/exercise-folder.ts';
export { exercises, exercise, loadCatalog, CatalogError } from './catalog/catalog.ts';
export { check, checkExercise, maxSubmissionLength, type CheckOptions } from './check/check.ts';
export type { CheckResult, CheckStatus, ExerciseVerdict, PredictionCheck, ModelExplanation, CheaperHint } from './check/check-result.ts';
export type { BarrierUse } from './check/barriers-used.ts';
export { parsePrediction } from './check/predict.ts';
export {
  predictionHeading, predictionBlock, predictionBlockLines, whyForbiddenLine, wrongPredictionsSummary, type PredictionBlock, type ExplanationsPlace,
} from './check/prediction-words.ts';
export { lint, lintExercise } from './check/lint.ts';
export { answerTemplate, readTemplate, fillInstruction, type TemplateOptions } from './check/prediction-template.ts';
export { hintSteps, revealHints, type HintStep } from './check/hints.ts';
export { grade, gradeFromCheck, scoreMaximum, overFencedCredit, type GradeResult } from './grade/grade.ts';

// @barrier-lab/exercises: the course's exercises as data, and the one
// check()/grade() that the site (in a Web Worker) and the grader share.
export type { Chapter } from './course-outline.ts';
export { chapter, courseOutline } from './course-outline.ts';
export type {
  Exercise, CodeExercise, PredictExercise, ExerciseKind, EditRule, ExerciseFile, WrongVariant, OverFencedVariant, Hints,
} from './schema/exercise.ts';
export { exerciseJsonSchema, parseExerciseJson, type ExerciseJson } from './schema/exercise-schema.ts';
export { validateExercise, type ValidationResult } from './schema/validate-exercise.ts';
export type { ExerciseFolder } from './catalog/exercise-folder.ts';
export { exercises, exercise, loadCatalog, CatalogError } from './catalog/catalog.ts';
export { check, checkExercise, maxSubmissionLength, type CheckOptions } from './check/check.ts';
export type { CheckResult, CheckStatus, ModelVerdict, PredictionCheck, CheaperHint } from './check/check-result.ts';
export type { BarrierUse } from './check/barriers-used.ts';
export { barrierStatementNames } from './check/barrier-vocabulary.ts';
export { parsePrediction } from './check/predict.ts';
export { grade, gradeFromCheck, scoreMaximum, overFencedCredit, type GradeResult } from './grade/grade.ts';

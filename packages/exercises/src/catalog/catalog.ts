// The course's exercises: the generated folders, validated once on first use.
import type { Exercise } from '../schema/exercise.ts';
import { validateExercise } from '../schema/validate-exercise.ts';
import { catalogFolders } from './catalog-files.generated.ts';
import type { ExerciseFolder } from './exercise-folder.ts';

/** The shipped catalog is invalid: a bug in the repository, which the catalog tests catch first. */
export class CatalogError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The exercise catalog is invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/**
 * Validates folders into exercises in course order: by chapter, then by
 * each exercise's `order` in its chapter. Throws CatalogError listing every
 * problem, two exercises of a chapter with the same `order` included.
 */
export function loadCatalog(folders: readonly ExerciseFolder[]): Exercise[] {
  const problems: string[] = [];
  const exercises: Exercise[] = [];
  for (const folder of folders) {
    const result = validateExercise(folder);
    if ('problems' in result) problems.push(...result.problems);
    else exercises.push(result.exercise);
  }
  const places = new Map<string, string>();
  for (const e of exercises) {
    const place = `${e.chapter}/${e.order}`;
    const other = places.get(place);
    if (other) problems.push(`${e.id}/exercise.json: at order: chapter ${e.chapter} already has an exercise with order ${e.order} (${other}); give each its own place`);
    else places.set(place, e.id);
  }
  if (problems.length > 0) throw new CatalogError(problems);
  return exercises.sort((a, b) => a.chapter - b.chapter || a.order - b.order);
}

let catalog: readonly Exercise[] | undefined;
let byId: ReadonlyMap<string, Exercise> | undefined;

/** Every exercise of the course, in course order (chapter, then `order`). */
export function exercises(): readonly Exercise[] {
  catalog ??= loadCatalog(catalogFolders);
  return catalog;
}

/** The exercise with `id`, or undefined. */
export function exercise(id: string): Exercise | undefined {
  byId ??= new Map(exercises().map((e) => [e.id, e]));
  return byId.get(id);
}

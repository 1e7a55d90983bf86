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

/** Validates folders into exercises ordered by chapter, then id; throws CatalogError listing every problem. */
export function loadCatalog(folders: readonly ExerciseFolder[]): Exercise[] {
  const problems: string[] = [];
  const exercises: Exercise[] = [];
  for (const folder of folders) {
    const result = validateExercise(folder);
    if ('problems' in result) problems.push(...result.problems);
    else exercises.push(result.exercise);
  }
  if (problems.length > 0) throw new CatalogError(problems);
  return exercises.sort((a, b) => a.chapter - b.chapter || a.id.localeCompare(b.id));
}

let catalog: readonly Exercise[] | undefined;
let byId: ReadonlyMap<string, Exercise> | undefined;

/** Every exercise of the course, by chapter. */
export function exercises(): readonly Exercise[] {
  catalog ??= loadCatalog(catalogFolders);
  return catalog;
}

/** The exercise with `id`, or undefined. */
export function exercise(id: string): Exercise | undefined {
  byId ??= new Map(exercises().map((e) => [e.id, e]));
  return byId.get(id);
}

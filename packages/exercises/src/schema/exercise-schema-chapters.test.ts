// An exercise may name any chapter of the course outline: the schema takes
// the chapters from the outline, so adding a chapter there is enough.
import { describe, expect, it, vi } from 'vitest';
import type * as CourseOutline from '../course-outline.ts';
import type { Chapter } from '../course-outline.ts';
import { parseExerciseJson } from './exercise-schema.ts';
import { catalogFolders } from '../catalog/catalog-files.generated.ts';

vi.mock('../course-outline.ts', async (importOriginal) => {
  const real = await importOriginal<typeof CourseOutline>();
  const added: Chapter = { number: 15, slug: 'more-messages', title: 'More messages', goal: 'A chapter the outline has gained.' };
  return { ...real, courseOutline: [...real.courseOutline, added] };
});

const json = (chapter: number) => ({
  ...JSON.parse(catalogFolders.find((f) => f.folder === 'mp-wmb-rmb')!.files['exercise.json']!) as Record<string, unknown>,
  chapter,
});
const problems = (chapter: number) => {
  const parsed = parseExerciseJson(json(chapter));
  return 'problems' in parsed ? parsed.problems : [];
};

describe('the chapter of an exercise', () => {
  it('may be a chapter the outline has gained', () => {
    expect(problems(15)).toEqual([]);
  });

  it('is refused past the outline, naming its chapters', () => {
    expect(problems(16)).toEqual(['at chapter: chapter must be from 1 to 15']);
    expect(problems(0)).toEqual(['at chapter: chapter must be from 1 to 15']);
  });
});

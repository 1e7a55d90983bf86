// @barrier-lab/exercises: the course's exercises as data, and check()/grade().
export type { Chapter } from './course-outline.ts';
export { chapter, courseOutline } from './course-outline.ts';

// /embed/<exercise-id>/view.json: the exercise's ExerciseView and the
// chapter page it belongs to, for the <barrier-lab-exercise> web component
// (fetched from another origin: the server sends it with CORS).
import type { APIRoute } from 'astro';
import { chapter, exercise, exercises } from '@barrier-lab/exercises';
import { chapterPath } from '../../../lib/course-links.ts';
import { exerciseViewById } from '../../../lib/exercise-view-data.ts';

export function getStaticPaths() {
  return exercises().map((e) => ({ params: { id: e.id } }));
}

export const GET: APIRoute = ({ params }) => {
  const id = params.id!;
  const home = chapter(exercise(id)!.chapter)!;
  const body = { view: exerciseViewById(id), page: chapterPath(home), chapter: { number: home.number, title: home.title } };
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
};

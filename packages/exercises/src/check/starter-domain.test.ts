import { lower, parseLitmus, runLitmus, sourceSlicer, valueDomain, type ValueDomain } from '@barrier-lab/engine';
import { valueNames } from '@barrier-lab/engine/explain';
import { describe, expect, it } from 'vitest';
import { exercises } from '../catalog/catalog.ts';
import type { CodeExercise } from '../schema/exercise.ts';
import { check } from './check.ts';
import { exerciseVerdict } from './verdicts.ts';

const codeExercises = exercises().filter((e): e is CodeExercise => e.kind !== 'predict');

function domainOf(exercise: CodeExercise, source: string): ValueDomain | undefined {
  const ast = parseLitmus(source).ast!;
  const program = lower(ast, source, exercise.flush ? { flush: exercise.flush } : {}).program!;
  return valueDomain(program, sourceSlicer(source));
}

/** A domain as comparable data: locations sorted, values as text. */
function plain(domain: ValueDomain | undefined): [string, string[]][] | undefined {
  return domain && [...domain].map(([loc, values]): [string, string[]] => [loc, values.map((v) => (typeof v === 'number' ? String(v) : 'address' in v ? `&${v.address}` : `S${v.symbol}`))]).sort();
}

/** Each line of a thread body after which a barrier statement may go (ends a statement, not followed by else). */
function insertionPoints(source: string): number[] {
  const lines = source.split('\n');
  const points: number[] = [];
  let inThread = false;
  lines.forEach((line, i) => {
    if (/^P\d+\(/.test(line)) inThread = true;
    else if (line === '}') inThread = false;
    else if (inThread && /;\s*(\/\*.*\*\/)?\s*$/.test(line) && !/^\s*else\b/.test(lines[i + 1] ?? '') && !/^\s*(int|unsigned)\b/.test(line)) points.push(i);
  });
  return points;
}

describe('the starter\'s value domain carries over to a barrier-only answer', () => {
  for (const exercise of codeExercises.filter((e) => e.edits === 'barriers')) {
    it(`${exercise.id}: a full barrier anywhere in the starter leaves the domain as it is`, () => {
      const starter = plain(domainOf(exercise, exercise.starter.source));
      expect(starter).toBeDefined();
      const lines = exercise.starter.source.split('\n');
      const points = insertionPoints(exercise.starter.source);
      expect(points.length).toBeGreaterThan(0);
      for (const at of points) {
        const edited = [...lines.slice(0, at + 1), '\tsmp_mb();', ...lines.slice(at + 1)].join('\n');
        expect([at, plain(domainOf(exercise, edited))]).toEqual([at, starter]);
      }
    });
  }
});

describe('check() with the reused domain gives the verdicts of a check from scratch', () => {
  for (const exercise of codeExercises) {
    const files = [exercise.starter, ...exercise.solutions, ...exercise.wrong, ...(exercise.overFenced ? [exercise.overFenced] : [])];
    it(`${exercise.id}: every file of the exercise`, () => {
      for (const file of files) {
        const result = check(exercise.id, file.source, { explain: 'none' });
        if (result.status === 'invalid') continue;
        const names = valueNames(parseLitmus(file.source).ast!);
        const fresh = exercise.models.map((model) => exerciseVerdict(runLitmus(file.source, { model, ...(exercise.flush ? { flush: exercise.flush } : {}) }).verdict!, names));
        expect([file.file, result.verdicts]).toEqual([file.file, fresh]);
      }
    });
  }
});

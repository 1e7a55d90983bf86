import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exerciseFile } from '../testing/class-fixture.ts';
import { cli, readTree } from '../testing/grade-cli.ts';

const manual = readFileSync(new URL('../../../../docs/grader.md', import.meta.url), 'utf8');

/** The fenced block of `language` that follows `heading` in the manual. */
function block(heading: string, language: string): string {
  const at = manual.indexOf(heading);
  const start = manual.indexOf(`\`\`\`${language}\n`, at) + language.length + 4;
  return manual.slice(start, manual.indexOf('\n```', start) + 1);
}

describe('docs/grader.md', () => {
  it('shows the report.txt and canvas.csv that grading its example class writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'barrier-lab-docs-'));
    const put = (student: string, text: string) => {
      mkdirSync(join(dir, 'class', student), { recursive: true });
      writeFileSync(join(dir, 'class', student, 'mp-wmb-rmb.c'), text);
    };
    put('alice', exerciseFile('mp-wmb-rmb', 'solution.litmus'));
    put('bob', exerciseFile('mp-wmb-rmb', 'wrong-only-wmb.litmus'));
    put('carol', exerciseFile('mp-wmb-rmb', 'over-fenced.litmus'));
    put('dave', exerciseFile('mp-wmb-rmb', 'solution.litmus').replace('smp_wmb();', 'smp_wmb()'));
    writeFileSync(join(dir, 'roster.csv'), 'student id,name,email\nalice,Alice Martin,alice@uni.example\nbob,Bob Chen,bob@uni.example\n'
      + 'carol,Carol Diaz,carol@uni.example\ndave,Dave Evans,dave@uni.example\nerin,Erin Fox,erin@uni.example\n');
    const run = await cli(['grade', '--exercise', 'mp-wmb-rmb', '--roster', join(dir, 'roster.csv'), '--quiet', '--out', join(dir, 'out'), join(dir, 'class')]);
    expect(run.code).toBe(0);
    const files = readTree(join(dir, 'out'));
    const report = Buffer.from(files.get('report.txt')!, 'latin1').toString('utf8').replaceAll(`${dir}/`, '');
    expect(report).toBe(block('### report.txt', 'text'));
    expect(files.get('canvas.csv')!.replaceAll('\r\n', '\n')).toBe(block('### canvas.csv', 'csv'));
  }, 120_000);

  it('shows the report.txt of its example prediction class: each wrong prediction explained once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'barrier-lab-docs-'));
    const put = (student: string, file: string) => {
      mkdirSync(join(dir, 'class', student), { recursive: true });
      writeFileSync(join(dir, 'class', student, 'sb-which-models.txt'), exerciseFile('sb-which-models', file));
    };
    put('alice', 'answer.txt');
    put('bob', 'wrong-x86-is-strong.txt');
    put('carol', 'wrong-all-never.txt');
    put('dave', 'wrong-sc-too.txt');
    put('erin', 'wrong-x86-is-strong.txt');
    const run = await cli(['grade', '--exercise', 'sb-which-models', '--quiet', '--out', join(dir, 'out'), join(dir, 'class')]);
    expect(run.code).toBe(0);
    const report = Buffer.from(readTree(join(dir, 'out')).get('report.txt')!, 'latin1').toString('utf8').replaceAll(`${dir}/`, '');
    expect(report).toBe(block('#### A prediction exercise', 'text'));
  }, 120_000);
});

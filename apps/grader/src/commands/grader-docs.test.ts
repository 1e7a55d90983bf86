import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../cli/commands.ts';
import { exerciseFile } from '../testing/class-fixture.ts';
import { cli, readTree } from '../testing/grade-cli.ts';

const manual = readFileSync(new URL('../../../../docs/grader.md', import.meta.url), 'utf8');

/** The fenced block of `language` that follows `heading` in the manual. */
function block(heading: string, language: string): string {
  const at = manual.indexOf(heading);
  const start = manual.indexOf(`\`\`\`${language}\n`, at) + language.length + 4;
  return manual.slice(start, manual.indexOf('\n```', start) + 1);
}

/** The four-backtick fenced block (a Markdown file holding fences of its own) that follows `heading`. */
function outerBlock(heading: string, language: string): string {
  const start = manual.indexOf(`\`\`\`\`${language}\n`, manual.indexOf(heading)) + language.length + 5;
  return manual.slice(start, manual.indexOf('\n````', start) + 1);
}

/**
 * Every `barrier-lab` command line of the manual (in fenced blocks and inline
 * code), with its continuation lines joined and anything after `#` dropped:
 * `[command, words, the line's text from barrier-lab on]`.
 */
function commandLines(): { command: string; words: string[]; text: string }[] {
  const lines: { command: string; words: string[]; text: string }[] = [];
  const sources = [...manual.matchAll(/^```(?:sh|yaml)\n([\s\S]*?)^```$/gm)].map((m) => m[1]!)
    .concat([...manual.matchAll(/`([^`]*barrier-lab [^`]*)`/g)].map((m) => m[1]!));
  for (const source of sources) {
    const rows = source.split('\n');
    rows.forEach((row, i) => {
      const at = row.indexOf('barrier-lab ');
      if (at < 0) return;
      let text = row.slice(at);
      // Continuation: a trailing backslash, or (a YAML folded scalar) next lines that go on with options or `||`.
      for (let j = i + 1; j < rows.length && /^\s*(--|\|\|)/.test(rows[j]!) && (text.endsWith('\\') || !text.includes('||')); j++) {
        text = `${text.replace(/\\$/, '')} ${rows[j]!.trim()}`;
      }
      text = text.replace(/\s+#.*$/, '').replace(/'$/, '').replace(/\s+/g, ' ');
      const words = text.split(' ').slice(1);
      const command = words[0] === 'grade' && words[1] === 'merge' ? 'grade merge' : words[0]!;
      lines.push({ command, words, text });
    });
  }
  return lines;
}

describe('docs/grader.md', () => {
  it('shows the report.txt, canvas.csv, moodle.csv and feedback file that grading its example class writes', async () => {
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
    expect(files.get('moodle.csv')!.replaceAll('\r\n', '\n')).toBe(block('### moodle.csv', 'csv'));
    expect(files.get('feedback/bob.md')!.replaceAll(`${dir}/`, '')).toBe(outerBlock('### feedback/&lt;student&gt;.md', 'markdown'));
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

  it('spells every command line\'s options as the command\'s help does, and its shard recipes let exit status 1 through', async () => {
    const lines = commandLines();
    expect(lines.filter((l) => l.command === 'grade merge').length).toBeGreaterThanOrEqual(4);
    for (const line of lines) {
      const [name, sub] = line.command.split(' ');
      const entry = commands.find((c) => c.name === name);
      if (!entry) continue;
      const command = await entry.load();
      const usage = sub === undefined ? command.usage : command.subcommands?.[sub];
      expect(usage, line.text).toBeDefined();
      for (const option of line.words.filter((w) => w.startsWith('--'))) {
        expect(usage, `${option} in: ${line.text}`).toMatch(new RegExp(`\\s${option.replace(/[=].*$/, '')}\\b`));
      }
      // A Kubernetes, Slurm or Actions step that fails on exit status 1 stops the merge, or the upload of its output.
      if (line.text.includes('--shard auto') || line.command === 'grade merge' && line.text.includes('*')) {
        expect(line.text, 'a shard recipe\'s step').toMatch(/\|\| \[ \$\? -eq 1 \]$/);
      }
    }
  });
});

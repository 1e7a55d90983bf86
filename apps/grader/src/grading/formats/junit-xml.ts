// junit.xml: the shape JUnit's XML reports have (what Jenkins, GitLab,
// GitHub Actions reporters and most CI dashboards read): <testsuites>, one
// <testsuite> per exercise, one <testcase> per student in it. Full marks
// pass; an incorrect, invalid or over-fenced answer is a <failure> whose
// text is the counterexample's timeline (or the diagnostic, or the cheaper
// barrier); an undecided check or a grader fault an <error>; nothing
// submitted, or not graded yet, <skipped>. Times are 0: the report must be
// byte-identical run to run.
import type { GradeBook } from '../grade-book.ts';
import type { GradeRecord } from '../grade-record.ts';
import { exerciseTitle, incompleteNote, scoreText } from './book-view.ts';
import { summaryWhere, whatWentWrong, withMistake } from './prediction-text.ts';
import { diagnosticLines } from './report-text.ts';

/** The junit.xml text of `book`. */
export function formatJunitXml(book: GradeBook): string {
  const suites = book.exercises.map((exercise) => suite(exercise, book.records.filter((r) => r.exercise === exercise), book));
  const all = book.records;
  const count = (kind: Kind) => all.filter((r) => kindOf(r) === kind).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="barrier-lab grade" tests="${all.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

type Kind = 'pass' | 'failure' | 'error' | 'skipped';

function kindOf(r: GradeRecord): Kind {
  switch (r.status) {
    case 'correct': return 'pass';
    case 'incorrect': case 'invalid': case 'over-fenced': return 'failure';
    case 'inconclusive': case 'error': return 'error';
    case 'missing': case 'pending': return 'skipped';
  }
}

function suite(exercise: string, records: readonly GradeRecord[], book: GradeBook): string {
  const count = (kind: Kind) => records.filter((r) => kindOf(r) === kind).length;
  const incomplete = incompleteNote(book);
  const lines = [
    `  <testsuite name="${attr(exercise)}" tests="${records.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}" time="0">`,
    '    <properties>',
    `      <property name="title" value="${attr(exerciseTitle(exercise))}"/>`,
    `      <property name="complete" value="${book.complete}"/>`,
    ...(book.shard ? [`      <property name="shard" value="${book.shard.index + 1}/${book.shard.count}"/>`] : []),
    '    </properties>',
  ];
  for (const r of records) {
    const open = `    <testcase name="${attr(r.student)}" classname="${attr(exercise)}" time="0"`;
    const kind = kindOf(r);
    // The explanations are in the failure's text, not in system-out.
    const out = `      <system-out>${text(`score ${scoreText(r)}: ${summaryWhere(r, 'elsewhere')}${r.path ? `\nfile: ${r.path}` : ''}`)}</system-out>`;
    if (kind === 'pass') {
      lines.push(`${open}>`, out, '    </testcase>');
    } else if (kind === 'skipped') {
      lines.push(`${open}>`, `      <skipped message="${attr(r.summary)}"/>`, out, '    </testcase>');
    } else {
      const element = kind === 'failure' ? 'failure' : 'error';
      lines.push(`${open}>`, `      <${element} message="${attr(withMistake(r, r.summary))}" type="${r.status}">${text(body(r))}</${element}>`, out, '    </testcase>');
    }
  }
  if (incomplete) lines.push(`    <system-err>${text(incomplete)}</system-err>`);
  lines.push('  </testsuite>');
  return lines.join('\n');
}

/** What a failure or error says: the counterexample's timeline (each wrong prediction's explanation), the diagnostics, the cheaper barrier, the reason. */
function body(r: GradeRecord): string {
  const parts: string[] = [];
  for (const block of whatWentWrong(r)) parts.push(...block);
  for (const d of r.diagnostics) parts.push(...diagnosticLines(r.path, d));
  if (r.cheaper) parts.push(r.cheaper.message);
  if (r.reason && r.reason !== r.summary) parts.push(r.reason);
  return parts.length > 0 ? parts.join('\n') : r.summary;
}

/** Characters XML 1.0 cannot hold at all (most control characters, lone surrogates), replaced. */
function clean(value: string): string {
  return value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

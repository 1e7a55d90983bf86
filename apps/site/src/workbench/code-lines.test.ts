import { describe, expect, it } from 'vitest';
import { exercises } from '@barrier-lab/exercises';
import { codeLines, hangingCodeHtml } from './code-lines.ts';

/** The text a browser reads from `html` (tags dropped, the four escapes undone). */
const textOf = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('codeLines', () => {
  it('splits each line into its leading tabs and spaces and the rest; an empty line is undefined', () => {
    expect(codeLines('P0(int *x)\n{\n\t  WRITE_ONCE(*x, 1);\n\n    r0 = 1;\n')).toEqual([
      { lead: '', tabs: 0, spaces: 0, text: 'P0(int *x)' },
      { lead: '', tabs: 0, spaces: 0, text: '{' },
      { lead: '\t  ', tabs: 1, spaces: 2, text: 'WRITE_ONCE(*x, 1);' },
      undefined,
      { lead: '    ', tabs: 0, spaces: 4, text: 'r0 = 1;' },
    ]);
  });

  it('keeps a line of blanks only as its lead', () => {
    expect(codeLines('a\n\t\nb')).toEqual([
      { lead: '', tabs: 0, spaces: 0, text: 'a' },
      { lead: '\t', tabs: 1, spaces: 0, text: '' },
      { lead: '', tabs: 0, spaces: 0, text: 'b' },
    ]);
  });
});

describe('hangingCodeHtml', () => {
  it('gives each non-empty line its indent and its blanks apart, newlines between', () => {
    expect(hangingCodeHtml('{\n\tr0 = 1;\n\n}\n')).toBe('<code class="wb-hanging-code"><span class="wb-code-line" style="--tabs: 0; --spaces: 0">{</span>\n'
      + '<span class="wb-code-line" style="--tabs: 1; --spaces: 0"><span class="wb-code-lead">\t</span>r0 = 1;</span>\n\n'
      + '<span class="wb-code-line" style="--tabs: 0; --spaces: 0">}</span></code>');
  });

  it('escapes markup in the code, so the text read is the source', () => {
    const source = 'exists (0:r0=1 /\\ x<y && "a" > b) <script>alert(1)</script>';
    const html = hangingCodeHtml(source);
    expect(html).not.toContain('<script>');
    expect(textOf(html)).toBe(source);
  });

  it('reads back as every exercise\'s code, tabs and blank lines and all', () => {
    for (const e of exercises()) {
      const source = e.kind === 'predict' ? e.program.source : e.starter.source;
      expect(textOf(hangingCodeHtml(source)), e.id).toBe(source.replace(/\n$/, ''));
    }
  });
});

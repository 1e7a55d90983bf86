// CSV as RFC 4180 writes it: fields separated by commas, records by CRLF,
// a field quoted when it holds a comma, a quote or a line break (quotes
// doubled inside). The parser also takes LF line ends, a UTF-8 byte order
// mark and `;` or tab separators (spreadsheets in many locales write those),
// so rosters exported from anywhere read.

/** One CSV document: rows of fields, the first row usually a header. */
export type CsvRows = readonly (readonly string[])[];

/** `rows` as CSV text (CRLF line ends, the last record ended too, as LMS exports do). */
export function formatCsv(rows: CsvRows): string {
  return rows.map((row) => row.map(quoteField).join(',')).map((line) => `${line}\r\n`).join('');
}

function quoteField(field: string): string {
  return /[",\r\n]/.test(field) || /^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * The rows of CSV `text`. The separator is the first of `,`, `;` and tab
 * found outside quotes on the first line. Blank lines are skipped; an
 * unterminated quote takes the rest of the text as its field.
 */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '');
  const separator = detectSeparator(source);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  const endField = () => {
    row.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endField();
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      field = '';
    } else if (c === separator) endField();
    else if (c === '\r' && source[i + 1] === '\n') {
      endRow();
      i++;
    } else if (c === '\n' || c === '\r') endRow();
    else field += c;
  }
  if (field !== '' || row.length > 0 || wasQuoted) endRow();
  return rows;
}

function detectSeparator(text: string): string {
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) return c;
    else if (!quoted && (c === '\n' || c === '\r')) break;
  }
  return ',';
}

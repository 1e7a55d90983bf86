// A submission's bytes as text, or the reason they are not an answer: an
// empty file, a binary one (a compiled program, an image, a PDF), text in
// an encoding other than UTF-8. UTF-16 with a byte order mark (what some
// Windows editors save) is read; anything else that is not UTF-8 is refused
// with the line and column of the first bad byte, never guessed at.
import type { Diagnostic } from '@barrier-lab/engine';

/** What the bytes of a submission are. */
export type DecodedSubmission = { readonly text: string } | { readonly problem: Diagnostic };

const wholeFile = { line: 1, column: 1, endLine: 1, endColumn: 2 };

/** Reads `bytes` as the text of an answer. */
export function decodeSubmission(bytes: Uint8Array): DecodedSubmission {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      return checkText(new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2)));
    } catch {
      return problem('submission/encoding', 'The file starts like UTF-16 text but is not valid UTF-16.', 'Save it as UTF-8 text.');
    }
  }
  const nul = bytes.subarray(0, 8192).indexOf(0);
  if (nul >= 0) {
    return problem('submission/binary', `This is a binary file (a zero byte at offset ${nul}), not source text: perhaps a compiled program, an image or a PDF.`, 'Submit the text file of your answer itself: the .c or .litmus program, or the .txt prediction.');
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return checkText(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    const at = firstInvalidUtf8(body);
    const before = new TextDecoder('utf-8').decode(body.subarray(0, at));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return {
      problem: {
        code: 'submission/encoding', severity: 'error', span: { line, column, endLine: line, endColumn: column + 1 },
        message: `The file is not UTF-8 text: byte 0x${body[at]!.toString(16).toUpperCase().padStart(2, '0')} at line ${line}, column ${column} is not valid UTF-8 (the file may be Latin-1 or Windows-1252).`,
        hint: 'Save the file as UTF-8 (most editors offer it under "Save with encoding").',
      },
    };
  }
}

function checkText(text: string): DecodedSubmission {
  if (text.trim() === '') return problem('submission/empty', 'The file is empty: there is no answer to grade.', 'Submit the file with your answer in it.');
  return { text };
}

function problem(code: string, message: string, hint: string): DecodedSubmission {
  return { problem: { code, severity: 'error', span: wholeFile, message, hint } };
}

/** The offset of the first byte that does not belong to a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return bytes.length;
}

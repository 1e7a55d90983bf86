import type { Diagnostic } from '@barrier-lab/engine';

/**
 * A file the command line could not read or write, as one line in the shape
 * of the engine's diagnostics (`file: error: message [code]`, with no line
 * or column: the problem is the whole file), instead of Node's
 * `ENOENT: no such file or directory, open '...'`.
 */
export function fileError(file: string, error: unknown, doing: 'read' | 'write' = 'read'): string {
  const { code, message } = fileProblem(error, doing);
  return `${file}: error: ${message} [${code}]\n`;
}

/** What went wrong with a file, in the code and words of a diagnostic. */
export function fileProblem(error: unknown, doing: 'read' | 'write'): Pick<Diagnostic, 'code' | 'message'> {
  const errno = (error as { code?: unknown } | undefined)?.code;
  switch (errno) {
    case 'ENOENT':
      return doing === 'read'
        ? { code: 'file/not-found', message: 'no such file or folder' }
        : { code: 'file/not-found', message: 'cannot write it: its folder does not exist' };
    case 'EISDIR':
      return { code: 'file/is-folder', message: `it is a folder; give a file to ${doing}` };
    case 'EACCES':
    case 'EPERM':
      return { code: 'file/permission', message: `permission denied: cannot ${doing} it` };
    case 'ENOTDIR':
      return { code: 'file/not-found', message: 'no such file or folder (a part of the path is a file, not a folder)' };
    default: {
      // Anything else: Node's message without its errno prefix and syscall tail.
      const text = (error as Error | undefined)?.message ?? String(error);
      const plain = text.replace(/^[A-Z]+: /, '').replace(/, (open|read|write|scandir|stat) '.*'$/, '');
      return { code: 'file/unreadable', message: `cannot ${doing} it: ${plain}` };
    }
  }
}

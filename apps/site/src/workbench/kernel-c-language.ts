// Kernel-C and herd7 C litmus for Monaco: a Monarch tokenizer whose word
// lists come from the engine (via the page's ExerciseView vocabulary),
// completion of the barriers an exercise allows (as snippets, with their
// cost) and of the kernel's primitives, and two themes that colour barriers
// apart from everything else.
import type { languages, editor, IDisposable } from 'monaco-editor/editor';
import type { Monaco } from './monaco-loader.ts';
import type { BarrierWord, KernelCVocabulary } from './exercise-view.ts';

/** The language id registered with Monaco. */
export const kernelCLanguageId = 'kernel-c';

/** Themes that follow Starlight's light and dark modes. */
export const kernelCThemes = { light: 'barrier-lab-light', dark: 'barrier-lab-dark' } as const;

const keywords = ['if', 'else', 'while', 'for', 'do', 'break', 'continue', 'return', 'sizeof'];
const types = ['int', 'unsigned', 'long', 'char', 'short', 'void', 'struct', 'const', 'volatile', 'atomic_t', 'spinlock_t', 'srcu_struct', 'pte_t', 'pmd_t', 'bool'];

/** The Monarch grammar for `vocabulary`. */
export function kernelCMonarch(vocabulary: KernelCVocabulary): languages.IMonarchLanguage {
  return {
    defaultToken: '',
    keywords,
    types,
    barriers: [...vocabulary.barriers],
    primitives: [...vocabulary.primitives],
    builtins: [...vocabulary.builtins],
    constants: [...vocabulary.constants],
    clauses: ['exists', 'forall', 'filter', 'locations'],
    tokenizer: {
      root: [
        [/\/\/.*$/, 'comment'],
        [/\/\*/, 'comment', '@blockComment'],
        // herd7's (* *) comment; `(*x` (a dereference) is code.
        [/\(\*(?![A-Za-z_(])/, 'comment', '@herdComment'],
        [/\bP\d+\b/, 'type.thread'],
        [/~(?=\s*exists)/, 'keyword.clause'],
        [/[A-Za-z_]\w*/, {
          cases: {
            '@barriers': 'barrier',
            '@primitives': 'primitive',
            '@builtins': 'builtin',
            '@constants': 'constant',
            '@clauses': 'keyword.clause',
            '@keywords': 'keyword',
            '@types': 'type',
            '@default': 'identifier',
          },
        }],
        [/\d+/, 'number'],
        [/"[^"]*"/, 'string'],
        [/\/\\|\\\//, 'operator'],
        [/[{}()[\]]/, '@brackets'],
      ],
      blockComment: [
        [/[^*]+/, 'comment'],
        [/\*\//, 'comment', '@pop'],
        [/\*/, 'comment'],
      ],
      herdComment: [
        [/[^*(]+/, 'comment'],
        [/\(\*/, 'comment', '@push'],
        [/\*\)/, 'comment', '@pop'],
        [/[*(]/, 'comment'],
      ],
    },
  } as languages.IMonarchLanguage;
}

/** Barrier words per editor model, for the one completion provider. */
const barriersByModel = new WeakMap<editor.ITextModel, readonly BarrierWord[]>();
let registered = false;
let vocabularyOf: KernelCVocabulary | undefined;

/**
 * Registers the language, its completion and the themes (once per page),
 * and tells the completion which barriers `model` may use.
 */
export function useKernelC(monaco: Monaco, model: editor.ITextModel, vocabulary: KernelCVocabulary, barriers: readonly BarrierWord[]): IDisposable {
  barriersByModel.set(model, barriers);
  if (!registered) {
    registered = true;
    vocabularyOf = vocabulary;
    monaco.languages.register({ id: kernelCLanguageId });
    monaco.languages.setMonarchTokensProvider(kernelCLanguageId, kernelCMonarch(vocabulary));
    monaco.languages.setLanguageConfiguration(kernelCLanguageId, {
      comments: { lineComment: '//', blockComment: ['/*', '*/'] },
      brackets: [['{', '}'], ['(', ')'], ['[', ']']],
      autoClosingPairs: [{ open: '(', close: ')' }, { open: '{', close: '}' }, { open: '[', close: ']' }],
    });
    monaco.languages.registerCompletionItemProvider(kernelCLanguageId, { provideCompletionItems: (m, position) => completions(monaco, m, position) });
    defineThemes(monaco);
  }
  return { dispose: () => barriersByModel.delete(model) };
}

function completions(monaco: Monaco, model: editor.ITextModel, position: { lineNumber: number; column: number }): languages.CompletionList {
  const word = model.getWordUntilPosition(position);
  const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
  const barriers = barriersByModel.get(model) ?? [];
  const barrierNames = new Set(barriers.map((b) => b.name));
  const suggestions: languages.CompletionItem[] = barriers.map((b, i) => ({
    label: { label: b.name, description: b.cost > 0 ? `cost ${b.cost}` : '' },
    kind: monaco.languages.CompletionItemKind.Snippet,
    insertText: b.snippet,
    insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
    documentation: b.summary,
    detail: 'barrier you may add here',
    sortText: `0${String(i).padStart(2, '0')}`,
    range,
  }));
  const other = [...(vocabularyOf?.primitives ?? []), ...(vocabularyOf?.builtins ?? [])].filter((n) => !barrierNames.has(n));
  for (const name of other) {
    suggestions.push({ label: name, kind: monaco.languages.CompletionItemKind.Function, insertText: name, sortText: `1${name}`, range });
  }
  return { suggestions };
}

function defineThemes(monaco: Monaco): void {
  // Colours chosen for at least 4.5:1 contrast on each theme's background.
  monaco.editor.defineTheme(kernelCThemes.light, {
    base: 'vs', inherit: true,
    rules: [
      { token: 'barrier', foreground: 'b0004f', fontStyle: 'bold' },
      { token: 'primitive', foreground: '0b5cad' },
      { token: 'builtin', foreground: '6f4e00' },
      { token: 'constant', foreground: '0d6b4e' },
      { token: 'keyword.clause', foreground: '7a1fa2', fontStyle: 'bold' },
      { token: 'type.thread', foreground: '7a1fa2', fontStyle: 'bold' },
      { token: 'comment', foreground: '3f6f2f' },
      // Darker than Monaco's own type and number colours, which fall under 4.5:1 on a locked line's shade.
      { token: 'type', foreground: '005f62' },
      { token: 'number', foreground: '08613f' },
    ],
    colors: {
      'editorLineNumber.foreground': '#5f6b7a',
      'editorBracketHighlight.foreground1': '#1f3d99',
      'editorBracketHighlight.foreground2': '#7a1fa2',
      'editorBracketHighlight.foreground3': '#6f4e00',
    },
  });
  monaco.editor.defineTheme(kernelCThemes.dark, {
    base: 'vs-dark', inherit: true,
    rules: [
      { token: 'barrier', foreground: 'ff8fb8', fontStyle: 'bold' },
      { token: 'primitive', foreground: '8cc4ff' },
      { token: 'builtin', foreground: 'e8d28a' },
      { token: 'constant', foreground: '9fe0b8' },
      { token: 'keyword.clause', foreground: 'd7a6ff', fontStyle: 'bold' },
      { token: 'type.thread', foreground: 'd7a6ff', fontStyle: 'bold' },
      { token: 'comment', foreground: '9ab88a' },
    ],
    colors: { 'editorLineNumber.foreground': '#9aa4b2', 'editor.background': '#17181c' },
  });
}

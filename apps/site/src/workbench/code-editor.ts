// One Monaco editor as the workbench uses it: kernel-C highlighting and
// completion, the engine's diagnostics as markers, locked lines shown and
// kept (a refused edit is undone and reported, never silently lost),
// Ctrl/Cmd+Enter to check, lines highlighted from the graph, and the page's
// light or dark theme. It grows with its text instead of scrolling inside,
// and on a phone it packs its text tighter (see `narrowLayout`).
import type { editor, IDisposable } from 'monaco-editor/editor';
import type { Monaco } from './monaco-loader.ts';
import type { BarrierWord, KernelCVocabulary } from './exercise-view.ts';
import { kernelCLanguageId, kernelCThemes, useKernelC } from './kernel-c-language.ts';
import { firstBrokenLockedLine, locateLockedLines, type LockedLines } from './locked-lines-guard.ts';

/** A diagnostic as the engine gives it (1-based lines and columns, end exclusive). */
export interface EditorDiagnostic {
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly span: { readonly line: number; readonly column: number; readonly endLine: number; readonly endColumn: number };
  readonly hint?: string;
}

/** What a CodeEditor shows and whom it tells about changes, checks, refusals and hovers. */
export interface CodeEditorOptions {
  readonly value: string;
  /** The accessible name of the text area. */
  readonly label: string;
  readonly vocabulary: KernelCVocabulary;
  readonly barriers: readonly BarrierWord[];
  /** The whole text is fixed (a predict exercise's program), with this message on an attempt to type. */
  readonly readOnly?: string;
  /** Lines the learner may not change, and the sentence saying what they may change. */
  readonly locked?: { readonly lines: LockedLines; readonly rule: string };
  readonly onChange?: (value: string) => void;
  readonly onCheck?: () => void;
  readonly onRefused?: (message: string) => void;
  /** The line under the mouse (undefined when it leaves the text). */
  readonly onLineHover?: (line: number | undefined) => void;
}

/** A Monaco editor set up for one exercise (see the file's header); `dispose` frees it. */
export class CodeEditor {
  private readonly disposables: IDisposable[] = [];
  private readonly lockedDecorations: editor.IEditorDecorationsCollection;
  private readonly highlightDecorations: editor.IEditorDecorationsCollection;
  private accepted: string;
  private reverting = false;

  constructor(private readonly monaco: Monaco, private readonly host: HTMLElement, private readonly options: CodeEditorOptions) {
    const model = monaco.editor.createModel(options.value, kernelCLanguageId);
    this.disposables.push(model, useKernelC(monaco, model, options.vocabulary, options.barriers));
    this.accepted = options.value;
    const instance = monaco.editor.create(host, {
      model,
      theme: currentTheme(),
      ariaLabel: options.label,
      readOnly: options.readOnly !== undefined,
      ...(options.readOnly ? { readOnlyMessage: { value: options.readOnly } } : {}),
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      // The editor is as tall as its text, so it never scrolls on its own.
      scrollbar: { alwaysConsumeMouseWheel: false, vertical: 'hidden' },
      overviewRulerLanes: 0,
      folding: false,
      glyphMargin: false,
      ...layoutFor(host.clientWidth),
      wordWrap: 'on',
      wrappingIndent: 'indent',
      // Wrap at spaces and punctuation, measuring in columns: a row ends after ' ' , ; ) or
      // before ( [ {, and an identifier such as smp_store_release is split only when it is
      // longer than a whole row. (Monaco's 'advanced' strategy lets the browser break, and
      // the browser sees smp_store_release(flag, 1); as one word and cuts it anywhere.)
      wrappingStrategy: 'simple',
      insertSpaces: false,
      wordBasedSuggestions: 'off',
      // Tab moves focus on, so a keyboard user can leave the editor; Enter keeps the indentation.
      tabFocusMode: true,
      renderValidationDecorations: 'on',
      renderFinalNewline: 'on',
      // Monaco's bracket colours (gold on white) are below the contrast WCAG asks for.
      bracketPairColorization: { enabled: false },
      fixedOverflowWidgets: true,
      accessibilitySupport: 'on',
    });
    this.instance = instance;
    model.updateOptions({ tabSize: layoutFor(host.clientWidth).tabSize });
    this.disposables.push(instance.onDidLayoutChange((info) => this.fitLayout(info.width)));
    this.lockedDecorations = instance.createDecorationsCollection();
    this.highlightDecorations = instance.createDecorationsCollection();
    this.disposables.push(instance);
    this.fitHeight();
    this.disposables.push(instance.onDidContentSizeChange(() => this.fitHeight()));
    this.disposables.push(model.onDidChangeContent(() => this.changed()));
    if (options.onCheck) {
      const check = options.onCheck;
      // An action, not addCommand: addCommand's keybinding is global to the page, so with two
      // editors Ctrl+Enter would check the last one created.
      this.disposables.push(instance.addAction({
        id: 'barrier-lab.check', label: 'Check this exercise',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
        run: () => check(),
      }));
    }
    if (options.onLineHover) {
      const hover = options.onLineHover;
      this.disposables.push(instance.onMouseMove((e) => hover(e.target.position?.lineNumber)));
      this.disposables.push(instance.onMouseLeave(() => hover(undefined)));
    }
    this.showLocked();
    this.disposables.push(followTheme(monaco));
  }

  /** The Monaco editor itself (for hosts that need more). */
  readonly instance: editor.IStandaloneCodeEditor;

  get value(): string {
    return this.instance.getModel()?.getValue() ?? '';
  }

  /** Replaces the whole text as one edit the learner can undo (Reset, a solution). */
  replaceAll(text: string): void {
    const model = this.instance.getModel();
    if (!model || model.getValue() === text) return;
    model.pushStackElement();
    this.reverting = true; // a replacement of everything is ours, not a learner's edit to judge
    try {
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
    } finally {
      this.reverting = false;
    }
    model.pushStackElement();
    this.accepted = text;
    this.showLocked();
    this.options.onChange?.(text);
  }

  /** Shows `diagnostics` as markers (replacing the previous ones). */
  setDiagnostics(diagnostics: readonly EditorDiagnostic[]): void {
    const model = this.instance.getModel();
    if (!model) return;
    this.monaco.editor.setModelMarkers(model, 'barrier-lab', diagnostics.map((d) => ({
      severity: d.severity === 'error' ? this.monaco.MarkerSeverity.Error : this.monaco.MarkerSeverity.Warning,
      message: d.hint ? `${d.message}\n${d.hint}` : d.message,
      startLineNumber: d.span.line,
      startColumn: d.span.column,
      endLineNumber: d.span.endLine,
      endColumn: Math.max(d.span.endColumn, d.span.column + 1),
    })));
  }

  /** Highlights `lines` (from the graph or the lanes); an empty list clears. */
  highlightLines(lines: readonly number[]): void {
    this.highlightDecorations.set(lines.map((line) => ({
      range: new this.monaco.Range(line, 1, line, 1),
      options: { isWholeLine: true, className: 'wb-linked-line', linesDecorationsClassName: 'wb-linked-gutter' },
    })));
    if (lines.length > 0) this.instance.revealLineInCenterIfOutsideViewport(lines[0]!);
  }

  focus(): void {
    this.instance.focus();
  }

  dispose(): void {
    for (const d of this.disposables.reverse()) d.dispose();
  }

  private changed(): void {
    if (this.reverting) return;
    const text = this.value;
    const locked = this.options.locked;
    if (locked && !locateLockedLines(text, locked.lines)) {
      const broken = firstBrokenLockedLine(text, locked.lines) ?? '';
      // Undo after Monaco has finished applying the edit.
      queueMicrotask(() => this.revert(broken));
      return;
    }
    this.accepted = text;
    this.showLocked();
    this.options.onChange?.(text);
  }

  /** Puts back the text from before a refused edit, and says why. */
  private revert(broken: string): void {
    const model = this.instance.getModel();
    if (!model) return;
    this.reverting = true;
    try {
      // Undo takes back the refused edit; when it was merged with earlier typing,
      // the earlier typing is restored by one more edit, so nothing is lost.
      model.undo();
      if (model.getValue() !== this.accepted) {
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text: this.accepted }], () => null);
      }
    } finally {
      this.reverting = false;
    }
    this.showLocked();
    const rule = this.options.locked?.rule ?? '';
    this.options.onRefused?.(`That edit was undone: the line “${broken}” is locked. ${rule}`.trim());
  }

  private showLocked(): void {
    const locked = this.options.locked;
    if (!locked) return;
    const lines = locateLockedLines(this.value, locked.lines) ?? [];
    this.lockedDecorations.set(lines.map((line) => ({
      range: new this.monaco.Range(line, 1, line, 1),
      options: {
        isWholeLine: true,
        className: 'wb-locked-line',
        linesDecorationsClassName: 'wb-locked-gutter',
        linesDecorationsTooltip: 'Locked: this line is part of the exercise',
        stickiness: this.monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
      },
    })));
  }

  /** Switches between the roomy and the narrow layout when the editor's width crosses `narrowBelow`. */
  private fitLayout(width: number): void {
    const wanted = layoutFor(width);
    if (this.instance.getOption(this.monaco.editor.EditorOption.fontSize) === wanted.fontSize) return;
    const { tabSize, ...options } = wanted;
    this.instance.updateOptions(options);
    this.instance.getModel()?.updateOptions({ tabSize });
  }

  private fitHeight(): void {
    // As tall as its text: the page scrolls, not the editor.
    const height = Math.min(Math.max(this.instance.getContentHeight(), 120), 8000);
    this.host.style.height = `${height}px`;
    this.instance.layout({ width: this.host.clientWidth, height });
  }
}

/**
 * The editor's text layout on a desktop: 14 px, tabs of four columns
 * (kernel code indents with tabs; four keep it readable in a column).
 */
const roomyLayout = { fontSize: 14, tabSize: 4, lineNumbersMinChars: 3, lineDecorationsWidth: 14 } as const;

/**
 * On a phone (an editor narrower than `narrowBelow` px, ~33 columns at 14 px) the
 * kernel's long names (page_try_share_anon_rmap(), PageAnonExclusive(flags))
 * no longer fit a row after two indents and a wrapped row's extra indent,
 * and were cut mid-name. One font step down, tabs of two columns and a
 * slimmer gutter give ~38 columns and room at every depth: a row breaks at
 * blanks and punctuation only, the nesting still shows, and the text stays
 * 13 px (no sideways scrolling inside a box that already scrolls the page).
 */
const narrowLayout = { fontSize: 13, tabSize: 2, lineNumbersMinChars: 2, lineDecorationsWidth: 8 } as const;
/** An editor narrower than this (px) takes the narrow layout. */
const narrowBelow = 480;

/** The layout for an editor `width` px wide (0: not laid out yet). */
function layoutFor(width: number): typeof roomyLayout | typeof narrowLayout {
  return width > 0 && width < narrowBelow ? narrowLayout : roomyLayout;
}

function currentTheme(): string {
  return document.documentElement.dataset.theme === 'dark' ? kernelCThemes.dark : kernelCThemes.light;
}

/** Switches every editor's theme when Starlight's theme changes. */
function followTheme(monaco: Monaco): IDisposable {
  const observer = new MutationObserver(() => monaco.editor.setTheme(currentTheme()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return { dispose: () => observer.disconnect() };
}

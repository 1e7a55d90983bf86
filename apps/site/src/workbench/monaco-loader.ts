// Monaco, trimmed and loaded on demand: the editor core plus the few features
// the workbench uses (completion with snippets, hovers for markers, the
// read-only message, bracket matching, comment toggling, clipboard, word
// moves, go to next problem). No language workers and no language
// definitions other than ours. The import is dynamic, so the bundler puts
// all of it in chunks a page loads only when an exercise comes into view.

import type * as MonacoApi from 'monaco-editor/editor';

/** The Monaco API (the `monaco-editor/editor` entry). */
export type Monaco = typeof MonacoApi;

let loading: Promise<Monaco> | undefined;

/** Loads Monaco once per page; later calls share the same promise. */
export function loadMonaco(): Promise<Monaco> {
  loading ??= importMonaco().catch((error: unknown) => {
    loading = undefined; // a failed download may succeed on the next try
    throw error;
  });
  return loading;
}

async function importMonaco(): Promise<Monaco> {
  const [monaco] = await Promise.all([
    import('monaco-editor/editor'),
    import('monaco-editor/features/suggest/register'),
    import('monaco-editor/features/snippet/register'),
    import('monaco-editor/features/hover/register'),
    import('monaco-editor/features/readOnlyMessage/register'),
    import('monaco-editor/features/bracketMatching/register'),
    import('monaco-editor/features/comment/register'),
    import('monaco-editor/features/clipboard/register'),
    import('monaco-editor/features/cursorUndo/register'),
    import('monaco-editor/features/wordOperations/register'),
    import('monaco-editor/features/gotoError/register'),
    // features/suggest/register brings the inline-completion glue but not the suggest
    // widget's controller itself (in the full build another contribution imports it),
    // so completion would never open without this one internal module.
    // @ts-expect-error: an internal module of monaco-editor, shipped without types.
    import('monaco-editor/editor/contrib/suggest/browser/suggestController'),
  ]);
  keepWrapping(monaco);
  return monaco;
}

/**
 * Monaco changes two wrapping options whenever `accessibilitySupport` is
 * 'on' (to keep its wrapped rows in step with a textarea's): it drops the
 * wrapping indent and lets the browser choose where rows break (the
 * 'advanced' strategy, which cuts `unpin_user_page(refcount);` mid-word: to
 * the browser it is one word). The workbench keeps 'on' for screen readers
 * (Chromium's EditContext writes their content only then) and wants kernel
 * code to wrap under its own indent on a phone, not at column 0, and at
 * spaces and punctuation: each option's computed value is the one asked for.
 */
function keepWrapping(monaco: Monaco): void {
  type Computed = { compute?: (env: unknown, options: unknown, value: unknown) => unknown };
  const options = (monaco.editor as unknown as { EditorOptions?: Record<'wrappingIndent' | 'wrappingStrategy', Computed | undefined> }).EditorOptions;
  for (const option of [options?.wrappingIndent, options?.wrappingStrategy]) {
    if (typeof option?.compute === 'function') option.compute = (_env, _options, value) => value;
  }
}

// Whether a Monaco editor has the keyboard, as Monaco itself sees it. The
// browser's focus is not enough: Monaco sends keys such as Ctrl+A to the
// editor only once its own focus tracker has seen the focus event (it then
// marks its element `.focused`); before that, Ctrl+A falls back to the
// browser's select-all in its hidden textarea, which holds only the lines
// around the cursor, and a paste then replaces just those.
import type { Locator } from 'playwright-core';

/** Waits up to `timeout` ms for the Monaco editor inside `editor` to have the keyboard; false if it never does. */
export async function editorTakesKeys(editor: Locator, timeout = 3_000): Promise<boolean> {
  const handle = await editor.elementHandle();
  return editor.page().waitForFunction(
    (el) => {
      if (!el) return false;
      const active = (el.getRootNode() as Document | ShadowRoot).activeElement;
      return el.contains(active) && el.querySelector('.monaco-editor.focused') !== null;
    },
    handle,
    { timeout },
  ).then(() => true, () => false);
}

/** What has the focus instead, for a driver's error message. */
export async function whereTheFocusIs(editor: Locator): Promise<string> {
  return editor.evaluate((el) => {
    const active = (el.getRootNode() as Document | ShadowRoot).activeElement;
    const name = active ? `${active.tagName.toLowerCase()}${active.className ? `.${String(active.className).split(' ').join('.')}` : ''}` : 'nothing';
    return `the focus is on ${name}, the window ${document.hasFocus() ? 'has' : 'does not have'} the focus, Monaco ${el.querySelector('.monaco-editor.focused') ? 'sees' : 'does not see'} it`;
  });
}

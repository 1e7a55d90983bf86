import { describe, expect, it } from 'vitest';
import { componentStyles, rootAsTheElement, remToElementUnits, topLevelRules } from './component-styles.ts';

describe('the web component\'s stylesheets', () => {
  it('splits a stylesheet into its top-level rules, at-rules whole, comments dropped', () => {
    const css = '/* a } comment */.a{color:red}@media (max-width:40rem){.b{top:0}.c{left:0}}@import "x{y}.css";\n.d::before{content:"}"}';
    expect(topLevelRules(css)).toEqual(['.a{color:red}', '@media (max-width:40rem){.b{top:0}.c{left:0}}', '@import "x{y}.css";', '.d::before{content:"}"}']);
  });

  it('refuses an unbalanced stylesheet rather than guess', () => {
    expect(() => topLevelRules('.a{color:red')).toThrow(/ends inside/);
    expect(() => topLevelRules('.a{color:red}}')).toThrow(/unbalanced/);
  });

  it('rewrites rem to the element\'s own unit, and nothing that only looks like it', () => {
    expect(remToElementUnits('.a{padding:.4rem 1rem;font-size:0.875rem;margin:-2rem}'))
      .toBe('.a{padding:calc(.4 * var(--bl-rem, 16px)) calc(1 * var(--bl-rem, 16px));font-size:calc(0.875 * var(--bl-rem, 16px));margin:calc(-2 * var(--bl-rem, 16px))}');
    expect(remToElementUnits('.item-2rem{width:2remx}.lorem{x:1}.a{width:calc(100% - 2rem)}')).toBe('.item-2rem{width:2remx}.lorem{x:1}.a{width:calc(100% - calc(2 * var(--bl-rem, 16px)))}');
  });

  it('keys dark-theme rules on the element\'s box and the root\'s own rules on the element, instead of the host page\'s root', () => {
    expect(rootAsTheElement('.a{x:1}:root{--v:4px}\n:root,.b{y:2}:root .c{z:3}')).toBe('.a{x:1}:host{--v:4px}\n:host,.b{y:2}:root .c{z:3}');
    expect(rootAsTheElement(":root[data-theme=dark] .g{fill:#000}:root[data-theme='dark'] .h{x:1}:root[data-theme=light] .i{x:1}"))
      .toBe(".barrier-lab-standalone[data-bl-theme=dark] .g{fill:#000}.barrier-lab-standalone[data-bl-theme=dark] .h{x:1}:root[data-theme=light] .i{x:1}");
  });

  it('puts the rule keeping Monaco\'s hidden context view hidden in the document, and no other context-view rule', () => {
    const css = 'body>.context-view[aria-hidden=true]{display:none!important}body > .context-view[aria-hidden="true"]{x:1}.context-view{position:absolute}.x body>.context-view[aria-hidden=true]{y:1}';
    expect(componentStyles(css)).toEqual({
      document: 'body>.context-view[aria-hidden=true]{display:none!important}\nbody > .context-view[aria-hidden="true"]{x:1}',
      shadow: '.context-view{position:absolute}\n.x body>.context-view[aria-hidden=true]{y:1}',
    });
  });

  it('puts font faces and the editor\'s announcement box in the document, everything else in the shadow root', () => {
    const css = '@font-face{font-family:codicon;src:url(./chunks/codicon.ttf)format("truetype")}.monaco-aria-container{position:absolute;left:-999em}'
      + '.monaco-editor .monaco-aria-container,.x{top:0}.wb{gap:1rem}';
    expect(componentStyles(css)).toEqual({
      document: '@font-face{font-family:codicon;src:url(./chunks/codicon.ttf)format("truetype")}\n.monaco-aria-container{position:absolute;left:-999em}',
      shadow: '.monaco-editor .monaco-aria-container,.x{top:0}\n.wb{gap:calc(1 * var(--bl-rem, 16px))}',
    });
  });
});

// How the prose names a model where it matters (COURSE-STYLE.md: say "under
// the Linux kernel memory model" or "on x86", never "always" alone).
import type { ModelName } from '@barrier-lab/engine';

const phrases: Readonly<Record<ModelName, string>> = {
  sc: 'under sequential consistency',
  tso: 'on x86 (tso)',
  lkmm: 'under the Linux kernel memory model',
};

/** `under the Linux kernel memory model`, `on x86 (tso)`, `under sequential consistency`. */
export function modelPhrase(model: ModelName): string {
  return phrases[model];
}

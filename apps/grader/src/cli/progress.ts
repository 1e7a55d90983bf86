import type { CliIo } from './io.ts';

/** A one-line progress bar on an interactive stderr; silent otherwise. */
export class ProgressBar {
  private shown = false;
  private lastDraw = 0;

  constructor(private readonly io: CliIo, private readonly total: number, private readonly label: string) {}

  update(done: number, current = ''): void {
    if (!this.io.isTty || this.total < 2) return;
    const now = Date.now();
    if (done < this.total && now - this.lastDraw < 80) return;
    this.lastDraw = now;
    const width = 24;
    const filled = Math.round((done / this.total) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const name = current.length > 40 ? `…${current.slice(-39)}` : current;
    this.io.err(`\r${this.label} ${bar} ${done}/${this.total} ${name}\u001b[K`);
    this.shown = true;
  }

  /** Clears the line so later output starts clean. */
  done(): void {
    if (this.shown) this.io.err('\r\u001b[K');
    this.shown = false;
  }
}

// Progress of a long batch on standard error: a bar with the count, the
// percentage, the time left and the file at hand on a terminal; plain lines
// (one per tenth of the batch) when stderr is not a terminal, so CI logs stay
// readable; with `quiet`, only the first and last line. Never on stdout,
// which carries the report.
import type { CliIo } from './io.ts';

/** Progress of `total` items of work. */
export class BatchProgress {
  private readonly started: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private lastTenth = 0;
  private shown = false;

  constructor(
    private readonly io: CliIo,
    private readonly total: number,
    private readonly label: string,
    private readonly options: { readonly quiet?: boolean; readonly clock?: () => number } = {},
  ) {
    this.started = this.now();
  }

  private now(): number {
    return this.options.clock?.() ?? Date.now();
  }

  private get bar(): boolean {
    return this.io.isTty && !this.options.quiet;
  }

  /** Says what is about to happen. */
  start(what: string): void {
    this.io.err(`${this.label}: ${what}\n`);
  }

  /** `done` of the total are finished; `current` is being worked on. */
  update(done: number, current = ''): void {
    const elapsed = (this.now() - this.started) / 1000;
    const left = done > 0 ? (elapsed / done) * (this.total - done) : undefined;
    if (this.bar) {
      const now = this.now();
      if (done < this.total && now - this.lastDraw < 100) return;
      this.lastDraw = now;
      const width = 24;
      const filled = this.total > 0 ? Math.round((done / this.total) * width) : width;
      const name = current.length > 36 ? `…${current.slice(-35)}` : current;
      const eta = left === undefined ? '' : ` ETA ${clock(left)}`;
      this.io.err(`\r${this.label} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${this.total} ${percent(done, this.total)}${eta} ${name}\u001b[K`);
      this.shown = true;
      return;
    }
    if (this.options.quiet || this.total === 0) return;
    const tenth = Math.floor((done / this.total) * 10);
    if (tenth <= this.lastTenth || done === this.total) return;
    this.lastTenth = tenth;
    this.io.err(`${this.label}: ${done}/${this.total} (${percent(done, this.total)}), ${clock(elapsed)} elapsed${left === undefined ? '' : `, about ${clock(left)} left`}\n`);
  }

  /** Clears the bar and prints the closing line. */
  finish(line: string): void {
    if (this.shown) this.io.err('\r\u001b[K');
    this.shown = false;
    this.io.err(`${this.label}: ${line} in ${clock((this.now() - this.started) / 1000)}\n`);
  }
}

function percent(done: number, total: number): string {
  return `${total > 0 ? Math.floor((done / total) * 100) : 100}%`;
}

/** Seconds as `0:42` or `1:02:03`. */
function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}

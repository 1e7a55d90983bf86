// The learner's progress, kept in the browser (localStorage) under one
// versioned key: per exercise, the last code or prediction, the last graded
// status, whether it was ever solved, attempts and hints taken. One JSON
// document, so a progress page can list it, export it as a file and import
// it back, and a later format can migrate it by its version.

/** The localStorage key; the number is the format's version. */
export const progressKey = 'barrier-lab:progress:v1';

/** Fired on `window` after every change, with the exercise id as `detail` (undefined after a reset of all). */
export const progressEvent = 'barrier-lab:progress';

/** The last graded status of an exercise, as check() names it. */
export type ProgressStatus = 'correct' | 'incorrect' | 'over-fenced' | 'invalid' | 'inconclusive';

/** What is kept for one exercise. */
export interface ExerciseProgress {
  /** The editor's text (code exercises) or the prediction (predict exercises), as last left. */
  readonly code?: string;
  /** The status of the last graded check (all the exercise's models, its own flush flavour). */
  readonly status?: ProgressStatus;
  /** Solved at full marks at least once. */
  readonly solved: boolean;
  /** When it was first solved (ISO 8601). */
  readonly solvedAt?: string;
  /** Graded checks made. */
  readonly attempts: number;
  /** Hints revealed (0-3), 4 once the solution was shown. */
  readonly hintsShown: number;
  /** The best score of a graded check, and the most it could be (absent before the first graded check). */
  readonly bestScore?: number;
  readonly scoreMaximum?: number;
  /** Last change (ISO 8601). */
  readonly updatedAt: string;
}

/** The whole document. */
export interface Progress {
  readonly version: 1;
  readonly exercises: Readonly<Record<string, ExerciseProgress>>;
}

/** The part of the Web Storage API the store uses (localStorage, or a stand-in in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const empty: Progress = { version: 1, exercises: {} };

/** Reads and writes progress; tolerant of a missing, full or corrupt storage (it then keeps progress in memory). */
export class ProgressStore {
  private memory: Progress | undefined;

  constructor(
    private readonly storage: KeyValueStorage | undefined = browserStorage(),
    private readonly now: () => Date = () => new Date(),
    private readonly announce: (id: string | undefined) => void = dispatchProgressEvent,
  ) {}

  /** Everything kept. */
  read(): Progress {
    if (this.memory) return this.memory;
    const text = safely(() => this.storage?.getItem(progressKey) ?? null, null);
    return text ? parseProgress(text) ?? empty : empty;
  }

  /** One exercise's progress (a fresh record when there is none). */
  exercise(id: string): ExerciseProgress {
    return this.read().exercises[id] ?? { solved: false, attempts: 0, hintsShown: 0, updatedAt: '' };
  }

  /** Changes one exercise's record; `solved` never goes back to false here (use `reset`). */
  update(id: string, change: Partial<Omit<ExerciseProgress, 'updatedAt'>>): ExerciseProgress {
    const before = this.exercise(id);
    const at = this.now().toISOString();
    const solved = before.solved || change.solved === true;
    const next: ExerciseProgress = {
      ...before,
      ...change,
      solved,
      ...(solved ? { solvedAt: before.solvedAt ?? at } : {}),
      updatedAt: at,
    };
    this.write({ version: 1, exercises: { ...this.read().exercises, [id]: next } });
    this.announce(id);
    return next;
  }

  /** Forgets one exercise, or everything. */
  reset(id?: string): void {
    if (id === undefined) {
      this.write(empty);
    } else {
      const { [id]: _dropped, ...rest } = this.read().exercises;
      this.write({ version: 1, exercises: rest });
    }
    this.announce(id);
  }

  /** Replaces everything kept by `progress` (an imported file, read with `parseProgress`). */
  replace(progress: Progress): void {
    this.write(progress);
    this.announce(undefined);
  }

  /** Ids of the exercises solved. */
  solvedIds(): Set<string> {
    return new Set(Object.entries(this.read().exercises).filter(([, p]) => p.solved).map(([id]) => id));
  }

  private write(progress: Progress): void {
    const stored = safely(() => {
      this.storage?.setItem(progressKey, JSON.stringify(progress));
      return this.storage !== undefined;
    }, false);
    // Storage full or forbidden: keep going in memory for this page.
    this.memory = stored ? undefined : progress;
  }
}

/** Reads a progress document (as stored or exported); undefined for anything else. */
export function parseProgress(text: string): Progress | undefined {
  const value = safely<unknown>(() => JSON.parse(text), undefined);
  if (!value || typeof value !== 'object') return undefined;
  const { version, exercises } = value as { version?: unknown; exercises?: unknown };
  if (version !== 1 || !exercises || typeof exercises !== 'object') return undefined;
  const kept: Record<string, ExerciseProgress> = {};
  for (const [id, raw] of Object.entries(exercises as Record<string, unknown>)) {
    const p = raw as Partial<ExerciseProgress> | null;
    if (!p || typeof p !== 'object') continue;
    kept[id] = {
      ...(typeof p.code === 'string' ? { code: p.code } : {}),
      ...(typeof p.status === 'string' ? { status: p.status } : {}),
      solved: p.solved === true,
      ...(typeof p.solvedAt === 'string' ? { solvedAt: p.solvedAt } : {}),
      attempts: typeof p.attempts === 'number' ? p.attempts : 0,
      hintsShown: typeof p.hintsShown === 'number' ? p.hintsShown : 0,
      ...(typeof p.bestScore === 'number' && Number.isFinite(p.bestScore) ? { bestScore: p.bestScore } : {}),
      ...(typeof p.scoreMaximum === 'number' && Number.isFinite(p.scoreMaximum) ? { scoreMaximum: p.scoreMaximum } : {}),
      updatedAt: typeof p.updatedAt === 'string' ? p.updatedAt : '',
    };
  }
  return { version: 1, exercises: kept };
}

/** The page's localStorage, or undefined where there is none or it is forbidden. */
export function browserStorage(): KeyValueStorage | undefined {
  return safely(() => (typeof localStorage === 'undefined' ? undefined : localStorage), undefined);
}

function dispatchProgressEvent(id: string | undefined): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent(progressEvent, { detail: id }));
}

/** `read()`, or `fallback` when it throws: storage access throws when it is disabled or full, and what is kept is a comfort, never a reason to fail. */
export function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** An exercise folder as read from disk: its name and its files' text by file name. */
export interface ExerciseFolder {
  readonly folder: string;
  readonly files: Readonly<Record<string, string>>;
}

/** The CLI's version, kept in step with apps/grader/package.json by a test. */
export const version = '0.1.0';

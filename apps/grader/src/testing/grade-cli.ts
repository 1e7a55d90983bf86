// Helpers for the grader's tests: run `barrier-lab grade` in this process,
// read every file of an output folder, and validate the formats with the
// same tools an LMS's importer would use (a JSON Schema validator, an XML
// parser, a CSV parser).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { captureIo } from '../cli/capture-io.ts';
import { main } from '../cli/main.ts';

/** Runs `barrier-lab ARGS` and returns its exit code and output. */
export async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Every file under `dir`, by its path relative to `dir`, with its bytes as text. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'latin1'));
    }
  };
  walk(dir);
  return files;
}

const schema = JSON.parse(readFileSync(new URL('../../../../docs/grades.schema.json', import.meta.url), 'utf8')) as object;
const validateGrades = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** The errors of grades.json `text` against docs/grades.schema.json (empty when valid). */
export function gradesSchemaErrors(text: string): string[] {
  const ok = validateGrades(JSON.parse(text));
  return ok ? [] : (validateGrades.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** junit.xml parsed (after checking it is well-formed XML), with elements that can repeat as arrays. */
export function parseJunit(text: string): { testsuites: JunitSuites } {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`junit.xml is not well-formed: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({
    ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, trimValues: false,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  return parser.parse(text) as { testsuites: JunitSuites };
}

/** The parts of JUnit's XML shape the tests look at. */
export interface JunitSuites {
  name: string; tests: string; failures: string; errors: string; skipped: string; time: string;
  testsuite: {
    name: string; tests: string; failures: string; errors: string; skipped: string; time: string;
    properties: { property: { name: string; value: string }[] };
    testcase: {
      name: string; classname: string; time: string;
      failure?: { message: string; type: string; '#text'?: string };
      error?: { message: string; type: string; '#text'?: string };
      skipped?: { message: string };
      'system-out'?: string;
    }[];
  }[];
}

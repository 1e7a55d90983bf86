// The entry point: a litmus test's text to its AST and diagnostics.
//
// A test is: the header line, an optional doc string, the init block, the
// threads `P0`, `P1`, ..., herd7's `regions:` clause, then the clauses `locations`, `filter` and the
// final condition (`exists`, `~exists`, `forall`). The top level reads these
// sections in any order, reports the ones out of place, and after an error
// skips to the start of the next section, so one mistake does not hide the
// rest of the test.
import type { ConditionTarget, FinalCondition, InitItem, LitmusAst, Prop, RegionItem, ThreadDecl } from './ast.ts';
import type { Diagnostic } from './diagnostic.ts';
import { BUDGET_SPENT, DiagnosticSink, rethrowUnlessAbort } from './diagnostic-sink.ts';
import { Lexer } from './lexer.ts';
import { LineIndex } from './line-index.ts';
import { parseLocations, parseObserved, parseProp } from './parse-condition.ts';
import { parseHeader, parsePreamble, type Header, type Preamble } from './parse-header.ts';
import { parseInitBlock } from './parse-init.ts';
import { atRegions, parseRegions } from './parse-regions.ts';
import { parseThread } from './parse-thread.ts';
import { CLAUSE_WORDS, isPunct, isThreadName, isWord, type Token } from './token.ts';
import { TokenStream } from './token-stream.ts';
import { checkTreeDepth } from './tree-depth.ts';
import { BudgetExceeded, memoryCost, type Meter } from '../budget/meter.ts';

/** What `parseLitmus` found. */
export interface ParseResult {
  /**
   * The test, when its structure could be recovered: always present when
   * `diagnostics` has no error, and possibly present alongside errors (which
   * callers must still treat as fatal).
   */
  readonly ast: LitmusAst | undefined;
  /** Errors and warnings in source order; empty for a clean test. */
  readonly diagnostics: readonly Diagnostic[];
}

/** What `parseLitmus` may be given. */
export interface ParseOptions {
  /**
   * The run's meter: ticked for every token and charged for them, so a huge
   * text stops at the time or memory budget. Its `BudgetExceeded` is the one
   * thing `parseLitmus` lets through.
   */
  readonly meter?: Meter;
}

/** Where a test that forgot its header line starts: its init block or first thread (or nothing). */
const HEADERLESS_TEST = /^(?:$|\{|P[0-9]+[ \t]*\()/;

/**
 * Parses a litmus test in herd7's C format (plus Barrier Lab's `@unroll N`
 * comment). Never throws on bad input: every problem in `text` comes back as
 * a diagnostic with a 1-based span. Runs in time roughly linear in the text's
 * length. The AST it returns is never deeper than `MAX_TREE_DEPTH`, so later
 * passes may walk it recursively.
 */
export function parseLitmus(text: string, options: ParseOptions = {}): ParseResult {
  const sink = new DiagnosticSink(new LineIndex(text));
  const meter = options.meter;
  let ast: LitmusAst | undefined;
  try {
    const lexer = new Lexer(text, sink, meter);
    const header = parseHeader(lexer);
    // Another language's test, or not a test at all: one error says so, and
    // reading on would only add one error per line of text it was never meant to hold.
    if (header === undefined ? !HEADERLESS_TEST.test(text.slice(lexer.pos, lexer.pos + 40)) : header.arch.name !== 'C') {
      return { ast: undefined, diagnostics: sink.sorted() };
    }
    const preamble = header === undefined ? undefined : parsePreamble(lexer, header);
    const tokens = lexer.tokenize();
    meter?.charge(tokens.length * memoryCost.token);
    const unroll = lexer.unroll?.value ?? unrollInfo(preamble, sink);
    ast = new TestParser(new TokenStream(tokens, sink, meter), header, preamble).parse(unroll, lexer.flush);
    if (ast !== undefined && !checkTreeDepth(ast, sink, meter)) ast = undefined;
  } catch (error) {
    if (error instanceof BudgetExceeded) throw error;
    // Too many errors: stop with what was reported. Anything else is a bug in
    // the parser; the contract is never to throw on user input, so it becomes
    // a diagnostic too (and the fuzz tests look for it).
    if (error !== BUDGET_SPENT) sink.internalError(error);
    ast = undefined;
  }
  return { ast, diagnostics: sink.sorted() };
}

/**
 * herd7 reads the unroll bound from an `Unroll=N` information line (a `@unroll
 * N` comment, Barrier Lab's own way, wins over it).
 */
function unrollInfo(preamble: Preamble | undefined, sink: DiagnosticSink): number | undefined {
  const item = preamble?.info.find((i) => i.key.toLowerCase() === 'unroll');
  if (item === undefined) return undefined;
  if (/^[0-9]+$/.test(item.value)) return Number.parseInt(item.value, 10);
  sink.warnAt('syntax/bad-unroll', `'Unroll=' needs a whole number, not '${item.value}'`, item.span);
  return undefined;
}

type FinalQuantifier = FinalCondition['quantifier'];

const COMBINE_HINT = 'keep only one; combine conditions with /\\ (and) or \\/ (or)';

/** Reads the sections after the header; one instance per test. */
class TestParser {
  private doc: string | undefined;
  private init: InitItem[] | undefined;
  private readonly threads: ThreadDecl[] = [];
  private readonly threadLines = new Map<number, number>();
  private locations: ConditionTarget[] | undefined;
  private filter: Prop | undefined;
  private condition: FinalCondition | undefined;
  private regions: RegionItem[] | undefined;
  private clauseSeen = false;
  private missingInitReported = false;

  constructor(
    private readonly ts: TokenStream,
    private readonly header: Header | undefined,
    private readonly preamble: Preamble | undefined,
  ) {
    this.doc = preamble?.doc;
  }

  parse(unroll: number | undefined, flush?: 'ipi' | 'broadcast'): LitmusAst | undefined {
    const { ts, header } = this;
    const start = header?.start ?? ts.current.start;
    if (this.doc === undefined && ts.current.kind === 'string') {
      const quoted = ts.advance().text;
      this.doc = quoted.length >= 2 && quoted.endsWith('"') ? quoted.slice(1, -1) : quoted.slice(1);
    }
    while (!ts.atEof) {
      const before = ts.position;
      try {
        this.parseSection();
      } catch (error) {
        rethrowUnlessAbort(error);
        this.skipToSection();
      }
      if (ts.position === before) ts.advance(); // always make progress
    }
    this.reportMissingParts();
    if (header === undefined && this.threads.length === 0) return undefined;
    const noName = { name: '', span: ts.span(start, start) };
    return {
      arch: header?.arch ?? noName,
      name: header?.name ?? noName,
      ...(this.doc === undefined ? {} : { doc: this.doc }),
      ...(this.preamble && this.preamble.info.length > 0 ? { info: this.preamble.info } : {}),
      init: this.init ?? [],
      threads: this.threads,
      locations: this.locations ?? [],
      ...(this.filter === undefined ? {} : { filter: this.filter }),
      ...(this.condition === undefined ? {} : { condition: this.condition }),
      ...(this.regions === undefined ? {} : { regions: this.regions }),
      ...(unroll === undefined ? {} : { unroll }),
      ...(flush === undefined ? {} : { flush }),
      span: ts.spanFrom(start),
    };
  }

  private parseSection(): void {
    const { ts } = this;
    const token = ts.current;
    if (token.kind === 'string') {
      ts.advance();
      ts.sink.error('syntax/unexpected-string', "a doc string must come right after the test's name line",
        token.start, token.end, 'move it under the first line, or make it a comment (* ... *)');
    } else if (ts.atPunct('{')) {
      this.parseInit();
    } else if (isThreadName(token)) {
      this.parseThreadSection();
    } else if (isWord(token, 'void') && (isThreadName(ts.peek()) || (isPunct(ts.peek(), '*') && isThreadName(ts.peek(2))))) {
      // herd7's C grammar lets a thread start with `void` or `void *` (CParser.mly `voidopt`).
      ts.advance();
      ts.eatPunct('*');
      this.parseThreadSection();
    } else if (atRegions(ts)) {
      this.parseRegionsClause();
    } else if (isWord(token, 'locations')) {
      this.parseLocationsClause();
    } else if (isWord(token, 'filter')) {
      if (this.filter !== undefined) this.reportDuplicateClause("'filter'", COMBINE_HINT);
      ts.advance();
      const filter = parseProp(ts);
      this.clauseSeen = true;
      this.filter ??= filter;
    } else if (isWord(token, 'exists') || isWord(token, 'forall') || (ts.atPunct('~') && isWord(ts.peek(), 'exists'))
      || ((isWord(token, 'final') || isObserved(token)) && this.threads.length > 0)) {
      this.parseFinalCondition();
    } else if (ts.atPunct('}')) {
      ts.fail('syntax/unexpected-token', "this '}' closes nothing", "remove it, or check the braces of the part above");
    } else {
      ts.failExpected(this.expectedHere());
    }
  }

  /** What the test may continue with at this point, for "expected ..." messages. */
  private expectedHere(): string {
    if (this.clauseSeen) return "a clause ('exists', '~exists', 'forall', 'locations' or 'filter') or the end of the test";
    if (this.threads.length > 0) return "another thread or a condition such as 'exists (0:r0=1)'";
    if (this.init === undefined) return "the initial state block '{ ... }'";
    return "a thread such as 'P0(int *x) { ... }'";
  }

  private parseInit(): void {
    const { ts } = this;
    const open = ts.current;
    if (this.init !== undefined) {
      ts.sink.error('syntax/misplaced-init', 'the test has a second initial state block', open.start, open.end,
        'put all the initial values in one block { ... } before the threads');
      parseInitBlock(ts);
      return;
    }
    if (this.threads.length > 0) {
      ts.sink.error('syntax/misplaced-init', 'the initial state block must come before the threads', open.start, open.end);
    }
    this.init = parseInitBlock(ts);
  }

  private parseThreadSection(): void {
    const { ts } = this;
    const nameToken = ts.current;
    if (this.init === undefined && !this.missingInitReported) {
      this.missingInitReported = true;
      ts.sink.error('syntax/missing-init', `expected the initial state block '{ ... }' before ${nameToken.text}`,
        nameToken.start, nameToken.end, "add '{ }' before the first thread if every location starts at 0");
    }
    if (this.clauseSeen) {
      ts.sink.error('syntax/misplaced-thread', `thread ${nameToken.text} comes after the conditions`,
        nameToken.start, nameToken.end, "threads must come before 'exists', 'forall', 'locations' and 'filter'");
    }
    if (this.regions !== undefined && !this.clauseSeen) {
      ts.sink.error('syntax/misplaced-thread', `thread ${nameToken.text} comes after 'regions:'`,
        nameToken.start, nameToken.end, "the 'regions:' clause follows the last thread");
    }
    const thread = parseThread(ts);
    const firstLine = this.threadLines.get(thread.index);
    if (firstLine !== undefined) {
      ts.sink.error('syntax/duplicate-thread', `thread ${thread.name.name} is declared twice`, nameToken.start,
        nameToken.end, `the first ${thread.name.name} is on line ${firstLine}; rename this one`);
      return;
    }
    const expected = this.threads.length;
    if (thread.index !== expected) {
      ts.sink.error('syntax/thread-order',
        `threads must be numbered P0, P1, ... in order: expected P${expected}, found ${thread.name.name}`,
        nameToken.start, nameToken.end);
    }
    this.threadLines.set(thread.index, thread.name.span.line);
    this.threads.push(thread);
  }

  /** herd7's `regions:` (parse-regions.ts): after the last thread, before the conditions. */
  private parseRegionsClause(): void {
    const { ts } = this;
    const token = ts.current;
    if (this.regions !== undefined) {
      this.reportDuplicateClause("'regions:' clause", 'list every location in one: regions: x: global, y: shared');
    } else if (this.clauseSeen) {
      ts.sink.error('syntax/misplaced-regions', "'regions:' comes after the conditions", token.start, token.end,
        "move it between the last thread and 'exists', 'forall', 'locations' or 'filter'");
    } else if (this.threads.length === 0) {
      ts.sink.error('syntax/misplaced-regions', "'regions:' comes before the threads", token.start, token.end,
        'move it after the last thread');
    }
    const regions = parseRegions(ts);
    this.regions ??= regions;
  }

  private parseLocationsClause(): void {
    if (this.locations !== undefined) {
      this.reportDuplicateClause("'locations'", 'list everything in one: locations [x; 1:r0;]');
    }
    const locations = parseLocations(this.ts);
    this.clauseSeen = true;
    this.locations ??= locations;
  }

  private parseFinalCondition(): void {
    const { ts } = this;
    const start = ts.current.start;
    if (this.condition !== undefined) {
      this.reportDuplicateClause("final condition ('exists', '~exists' or 'forall')", COMBINE_HINT);
    }
    let quantifier: FinalQuantifier;
    if (ts.eatPunct('~')) quantifier = 'not exists';
    else quantifier = ts.current.text === 'forall' ? 'forall' : 'exists'; // herd7's older `final` and `observed` mean `exists`
    let prop: Prop;
    if (isObserved(ts.current)) {
      prop = parseObserved(ts); // reads to the end: nothing may follow it
    } else {
      ts.advance();
      prop = parseProp(ts);
    }
    const span = ts.spanFrom(start);
    ts.eatPunct(';'); // herd7 allows one ';' after the final condition
    if (isWord(ts.current, 'with')) this.skipKinds();
    this.clauseSeen = true;
    this.condition ??= { quantifier, prop, span };
  }

  /**
   * herd7's older `with` list after the final condition, `with tso: exists; sc: ~exists;`,
   * names the expected result per model; herd7 answers without it, and so do we.
   */
  private skipKinds(): void {
    const { ts } = this;
    ts.advance();
    do {
      const name = ts.current;
      if (name.kind !== 'ident' || CLAUSE_WORDS.has(name.text)) ts.failExpected("a model name, as in 'with tso: exists;'");
      ts.advance();
      if (!ts.eatPunct(':')) ts.failExpected(`':' after '${name.text}', as in '${name.text}: exists'`);
      if (!ts.eatPunct('~') && ts.atWord('not')) ts.advance();
      if (!isWord(ts.current, 'exists') && !isWord(ts.current, 'forall')) ts.failExpected("'exists', '~exists' or 'forall'");
      ts.advance();
    } while (ts.eatPunct(';') && ts.current.kind === 'ident' && !CLAUSE_WORDS.has(ts.current.text));
  }

  private reportDuplicateClause(what: string, hint: string): void {
    const token = this.ts.current;
    this.ts.sink.error('syntax/duplicate-clause', `the test has more than one ${what}`, token.start, token.end, hint);
  }

  /** After an error: skip to the next section start. */
  private skipToSection(): void {
    const { ts } = this;
    const initPossible = this.init === undefined && this.threads.length === 0;
    while (!ts.atEof && !ts.atSectionStart(false) && !(initPossible && ts.atPunct('{'))) ts.advance();
  }

  private reportMissingParts(): void {
    const { ts, header } = this;
    // After an error the parts may well be there, hidden by it (say, inside
    // an unterminated comment): only a clean test is told what it lacks.
    if (this.threads.length > 0 || ts.sink.errorCount > 0) return;
    // Point at the header line, where the missing parts would follow.
    const [start, end] = header === undefined ? [ts.previousEnd, ts.previousEnd] : [header.start, header.end];
    if (this.init === undefined && header !== undefined) {
      ts.sink.error('syntax/missing-init', "expected the initial state block '{ ... }'", start, end,
        "add '{ }' after the first line if every location starts at 0");
    }
    ts.sink.error('syntax/no-threads', 'the test has no threads', start, end,
      "add one, such as 'P0(int *x) { WRITE_ONCE(*x, 1); }'");
  }
}

/** herd7's older `observed` (also `Observed`), which starts a final condition like `final`. */
function isObserved(token: Token): boolean {
  return isWord(token, 'observed') || isWord(token, 'Observed');
}

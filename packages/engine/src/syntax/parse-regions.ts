// herd7's `regions:` clause, the memory map of a Bell model: `regions: x:
// global, y: shared local` says which regions each location lies in. herd7's
// C grammar (lib/CParser.mly `deep_main`, lib/BellExtraRules.mly) reads it
// after the last thread and before the conditions; its C lexer makes
// `regions` a keyword there, so no thread may use it as a name.
import type { Identifier, RegionItem } from './ast.ts';
import { isNameToken } from './parse-type.ts';
import { CLAUSE_WORDS, isPunct, isThreadName, type Token } from './token.ts';
import type { TokenStream } from './token-stream.ts';

/** A location or region name: a word herd7's C lexer reads as a name (`P1` is a thread to it). */
const isRegionName = (token: Token): boolean =>
  isNameToken(token) && !isThreadName(token) && !CLAUSE_WORDS.has(token.text);

/**
 * Parses `regions: atom, atom, ...` with the cursor on `regions`, where an
 * atom is `location: region region ...`. The list may be empty (`regions:`).
 */
export function parseRegions(ts: TokenStream): RegionItem[] {
  ts.advance();
  ts.expectPunct(':', "':' after 'regions'", 'syntax/unexpected-token', 'write it as regions: x: global, y: shared');
  const items: RegionItem[] = [];
  if (!isRegionName(ts.current)) return items;
  do {
    const start = ts.current.start;
    const location = regionName(ts, "a location name such as 'x'");
    ts.expectPunct(':', `':' and the regions of ${location.name}`, 'syntax/unexpected-token',
      `write it as ${location.name}: global`);
    const regions = [regionName(ts, `a region name for ${location.name}`)];
    while (isRegionName(ts.current)) regions.push(regionName(ts, 'a region name'));
    items.push({ location, regions, span: ts.spanFrom(start) });
  } while (ts.eatPunct(','));
  return items;
}

function regionName(ts: TokenStream, what: string): Identifier {
  const token = ts.current;
  if (!isRegionName(token)) ts.failExpected(what);
  ts.advance();
  return { name: token.text, span: ts.span(token.start, token.end) };
}

/** True at a `regions` clause. */
export function atRegions(ts: TokenStream): boolean {
  return ts.atWord('regions') && isPunct(ts.peek(), ':');
}

/**
 * How the legacy backfill reads an old booking's free-text `table_no` as a
 * stall of its location. One rule, in one place, shared with the old write
 * shapes (db/legacy/old-write-shapes.ts) so old callers link stalls alike:
 *
 *   1. by name   — a stall whose name is the same text, ignoring case, spaces
 *                  and dashes (`t-5`, `T 5`, `t5` are the stall `T-5`);
 *   2. by number — only when no stall's name matches: `Table 5` ≈ `Stall 5` ≈
 *                  `T-5`, and a bare `5` is any stall numbered 5 there.
 *
 * Two or more stalls at the first step that finds any: ambiguous. The stalls
 * are indexed once per run, so matching a row is a few map look-ups.
 */

/** "  HITEX   Hyderabad " → "hitex hyderabad". */
export const locationKey = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

// Hyphen, non-breaking hyphen, figure/en/em dashes, horizontal bar, minus: what phones and spreadsheets type for "-".
const SPACES_AND_DASHES = /[\s\-\u2010-\u2015\u2212]+/g;

/** The name itself, ignoring case, spaces and dashes: "T-5", "t 5", "t5" → "t5"; "Stall 5" → "stall5". */
export const stallNameKey = (s: string) => s.toLowerCase().replace(SPACES_AND_DASHES, '');

/** The number-equivalence: "T-12", "t 12", "Table 12", "Stall No. 12" → "t12"; "Table H2-11" → "h211"; "12" → "12". */
export function stallKey(s: string): string {
  const k = s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const word = /^(table|tbl|stall)(no)?(?=[a-z0-9])/.exec(k);
  if (!word) return k;
  const rest = k.slice(word[0].length);
  return /^\d/.test(rest) ? `t${rest}` : rest;
}

/** A stall's number when its key is letters then digits ("t05" → "5", "b7" → "7"); a bare typed number the same way. */
const stallNumber = (key: string) => /^[a-z]*(\d+)$/.exec(key)?.[1]!.replace(/^0+(?=\d)/, '') ?? null;

export type StallRef = { id: number; location_id: number; name: string };
export type StallMatch =
  | { kind: 'none'; /** A stall elsewhere would match by the same rule. */ elsewhere: boolean }
  | { kind: 'one'; by: 'name' | 'number'; stall: StallRef }
  | { kind: 'many'; by: 'name' | 'number'; stalls: StallRef[] };

type Keyed = { byName: Map<string, StallRef[]>; byKey: Map<string, StallRef[]>; byNumber: Map<string, StallRef[]> };
/** Every stall indexed per location, and all of them together (for "exists, but not in this location"). */
export type StallIndex = { here: Map<number, Keyed>; all: Keyed };

const keyed = (): Keyed => ({ byName: new Map(), byKey: new Map(), byNumber: new Map() });
function add(map: Map<string, StallRef[]>, key: string | null, stall: StallRef) {
  if (!key) return;
  const list = map.get(key);
  if (list) list.push(stall);
  else map.set(key, [stall]);
}
function put(k: Keyed, s: StallRef) {
  add(k.byName, stallNameKey(s.name), s);
  const key = stallKey(s.name);
  add(k.byKey, key, s);
  add(k.byNumber, stallNumber(key), s);
}

export function indexStalls(stalls: StallRef[]): StallIndex {
  const index: StallIndex = { here: new Map(), all: keyed() };
  for (const raw of stalls) {
    const s = { id: Number(raw.id), location_id: Number(raw.location_id), name: raw.name };
    let k = index.here.get(s.location_id);
    if (!k) index.here.set(s.location_id, (k = keyed()));
    put(k, s);
    put(index.all, s);
  }
  return index;
}

/** The rule on one set of stalls: the exact name first; the number-equivalence only when no name matches. */
function candidates(k: Keyed | undefined, typed: string): { by: 'name' | 'number'; stalls: StallRef[] } {
  const exact = k?.byName.get(stallNameKey(typed));
  if (exact?.length) return { by: 'name', stalls: exact };
  const key = stallKey(typed);
  let similar = k?.byKey.get(key) ?? [];
  // A bare number is any stall with that number, whatever its letters.
  if (!similar.length && /^\d+$/.test(key)) similar = k?.byNumber.get(stallNumber(key)!) ?? [];
  return { by: 'number', stalls: similar };
}

/** The stall(s) of `locationId` that `typed` (non-blank) can mean. */
export function matchStall(index: StallIndex, locationId: number, typed: string): StallMatch {
  const { by, stalls } = candidates(index.here.get(Number(locationId)), typed);
  if (stalls.length === 1) return { kind: 'one', by, stall: stalls[0]! };
  if (stalls.length > 1)
    return {
      kind: 'many',
      by,
      stalls: [...stalls].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id)),
    };
  return { kind: 'none', elsewhere: candidates(index.all, typed).stalls.length > 0 };
}

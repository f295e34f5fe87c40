// A line diff (Myers' O(ND) algorithm) for showing a regenerated file as the hunks that change,
// not as one replacement of the whole file: the refactor preview then lists each change, and the
// rest of the document (cursor, folding, markers) is left alone. No `vscode` here: plain data.

/** Replace old lines [`start`, `end`) (0-based) with `lines`. */
export interface Hunk {
  start: number;
  end: number;
  lines: string[];
}

/** The hunks that turn `before` into `after` (both split on '\n'), in order, not overlapping. */
export function lineHunks(before: string[], after: string[]): Hunk[] {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix++;
  }
  const a = before.slice(prefix, before.length - suffix);
  const b = after.slice(prefix, after.length - suffix);
  return matches(a, b, prefix);
}

/** Walks the common lines of `a` and `b` and emits the hunks between them, offset by `offset`. */
function matches(a: string[], b: string[], offset: number): Hunk[] {
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  for (const [x, y] of commonLines(a, b)) {
    if (x > i || y > j) hunks.push({ start: offset + i, end: offset + x, lines: b.slice(j, y) });
    i = x + 1;
    j = y + 1;
  }
  if (i < a.length || j < b.length) hunks.push({ start: offset + i, end: offset + a.length, lines: b.slice(j) });
  return hunks;
}

/** Index pairs of a longest common subsequence of lines, in order (Myers, with a trace). */
function commonLines(a: string[], b: string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  if (max === 0) return [];
  const offset = max;
  let v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found === -1; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
  }
  trace.push(v);
  return backtrack(trace, a, b, offset, found);
}

/** Follows the trace back from the end, collecting the diagonal (matching) moves. */
function backtrack(trace: Int32Array[], a: string[], b: string[], offset: number, depth: number): [number, number][] {
  const pairs: [number, number][] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d > 0; d--) {
    const v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = v[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) pairs.push([--x, --y]);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) pairs.push([--x, --y]);
  return pairs.reverse();
}

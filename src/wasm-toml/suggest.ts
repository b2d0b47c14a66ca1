/**
 * Optimal-string-alignment distance: Levenshtein plus adjacent transpositions, the commonest typo
 * ("langauge"). Small strings only, so the O(n*m) table is fine.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}

// Case and `_` vs `-` are the mistakes people make coming from other tools (`default_features`).
const fold = (s: string): string => s.toLowerCase().replace(/_/g, '-');

/** The closest candidate, if it is close enough to be a plausible misspelling of `input`. */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  const folded = fold(input);
  const limit = Math.max(1, Math.floor(folded.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(folded, fold(c));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** `"a", "b" or "c"` */
export function quotedList(items: readonly string[]): string {
  const q = items.map((i) => `"${i}"`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

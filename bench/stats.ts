// The arithmetic of every comparison: medians of repeated runs, and ratios of A to B paired run by run.

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The median of a[i] / b[i]. A and B of one run ran back to back, so pairing them cancels the load that
 * other work on the machine puts on both; a ratio of the two medians would mix runs of different load.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`paired ratio of ${a.length} and ${b.length} samples`);
  return median(a.map((x, i) => x / b[i]!));
}

/** Run `run`'s order of n variants: rotated by one each run, so no variant always goes first (A B, B A, ...). */
export function runOrder(run: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => (run + k) % n);
}

/** Rounds for the report: whole milliseconds, or 2 decimals for ratios. */
export const round = (x: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

// Alternating variants run by run and summarising them: the shape every comparison in the report has.
import { median, pairedRatio, round, runOrder } from './stats.js';

/** One measurement: its wall time and whatever else the group reads off it (step times, bytes). */
export interface Sample {
  ms: number;
  metrics?: Record<string, number>;
}

export interface Variant<S extends Sample = Sample> {
  name: string;
  /** Untimed work before each measurement (pruning the cache). */
  prepare?: (run: number) => Promise<void>;
  measure: (run: number) => Promise<S>;
}

/**
 * `runs` rounds; in each, every variant once, the order rotating (A B, B A, ...). `beforeRun` sets up
 * what the round's variants share (a source edit).
 */
export async function alternate<S extends Sample>(
  runs: number,
  variants: readonly Variant<S>[],
  beforeRun?: (run: number) => Promise<void>,
  onSample?: (variant: string, run: number, s: S) => void,
): Promise<Record<string, S[]>> {
  const out: Record<string, S[]> = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let run = 0; run < runs; run++) {
    await beforeRun?.(run);
    for (const i of runOrder(run, variants.length)) {
      const v = variants[i]!;
      await v.prepare?.(run);
      const s = await v.measure(run);
      out[v.name]!.push(s);
      onSample?.(v.name, run, s);
    }
  }
  return out;
}

export interface VariantSummary {
  /** Median wall time, ms. */
  ms: number;
  runs: number[];
  /** Median of each metric over the runs that reported it. */
  metrics: Record<string, number>;
}

export interface Summary {
  variants: Record<string, VariantSummary>;
  /** `A/B`: the median of A's time over B's, run by run. */
  ratios: Record<string, number>;
}

export function summarize(samples: Record<string, Sample[]>, pairs: readonly [string, string][]): Summary {
  const variants: Record<string, VariantSummary> = {};
  for (const [name, ss] of Object.entries(samples)) {
    const keys = [...new Set(ss.flatMap((s) => Object.keys(s.metrics ?? {})))];
    variants[name] = {
      ms: round(median(ss.map((s) => s.ms))),
      runs: ss.map((s) => round(s.ms)),
      metrics: Object.fromEntries(
        keys.map((k) => [
          k,
          round(median(ss.flatMap((s) => (s.metrics?.[k] === undefined ? [] : [s.metrics[k]]))), 2),
        ]),
      ),
    };
  }
  const ratios: Record<string, number> = {};
  for (const [a, b] of pairs) {
    const sa = samples[a];
    const sb = samples[b];
    if (!sa || !sb) throw new Error(`no samples of ${sa ? b : a} to compare`);
    ratios[`${a}/${b}`] = round(
      pairedRatio(
        sa.map((s) => s.ms),
        sb.map((s) => s.ms),
      ),
      3,
    );
  }
  return { variants, ratios };
}

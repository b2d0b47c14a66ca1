import { describe, expect, it } from 'vitest';
import { median, pairedRatio, round, runOrder } from '../../../bench/stats.js';
import { alternate, summarize } from '../../../bench/runner.js';

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('pairedRatio', () => {
  it('is the median of the per-run ratios, not the ratio of the medians', () => {
    // Run 2 was slow for both: paired, it says A is twice B; medians alone would say 3/1.5.
    expect(pairedRatio([2, 10, 3], [1, 5, 1.5])).toBe(2);
    expect(median([2, 10, 3]) / median([1, 5, 1.5])).toBe(2);
    expect(pairedRatio([1, 1, 9], [1, 1, 1])).toBe(1);
  });

  it('refuses samples that do not pair', () => {
    expect(() => pairedRatio([1], [1, 2])).toThrow(/1 and 2/);
  });
});

describe('runOrder', () => {
  it('alternates: A B, B A, A B for two variants; rotates three', () => {
    expect([0, 1, 2].map((r) => runOrder(r, 2))).toEqual([
      [0, 1],
      [1, 0],
      [0, 1],
    ]);
    expect(runOrder(1, 3)).toEqual([1, 2, 0]);
  });
});

describe('alternate and summarize', () => {
  it('runs each variant once a run in the rotating order, then gives medians and paired ratios', async () => {
    const order: string[] = [];
    const times: Record<string, number[]> = { a: [30, 20, 40], b: [10, 10, 20] };
    const samples = await alternate(
      3,
      ['a', 'b'].map((name) => ({
        name,
        prepare: async (run: number) => void order.push(`prepare ${name}${run}`),
        measure: async (run: number) => {
          order.push(`${name}${run}`);
          return { ms: times[name]![run]!, metrics: { steps: run } };
        },
      })),
      async (run) => void order.push(`run ${run}`),
    );
    expect(order).toEqual([
      'run 0', 'prepare a0', 'a0', 'prepare b0', 'b0',
      'run 1', 'prepare b1', 'b1', 'prepare a1', 'a1',
      'run 2', 'prepare a2', 'a2', 'prepare b2', 'b2',
    ]); // prettier-ignore
    const s = summarize(samples, [['a', 'b']]);
    expect(s.variants.a).toEqual({ ms: 30, runs: [30, 20, 40], metrics: { steps: 1 } });
    expect(s.ratios).toEqual({ 'a/b': 2 });
  });
});

describe('round', () => {
  it('rounds to whole numbers or to the digits asked for', () => {
    expect(round(1.5)).toBe(2);
    expect(round(1.23456, 2)).toBe(1.23);
  });
});

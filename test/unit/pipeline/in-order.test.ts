import { describe, expect, it } from 'vitest';
import { runInOrder, type LineLogger } from '../../../src/pipeline/in-order.js';

/** A log that records every line as `<kind>: <text>`. */
function recordingLog(): LineLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info: ${m}`),
    warning: (m) => lines.push(`warning: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
    output: (c) => lines.push(`output: ${c}`),
  };
}

/** A promise the test settles by hand. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runInOrder', () => {
  it('runs up to the limit at once and returns the outcomes in the items’ order', async () => {
    let running = 0;
    let most = 0;
    const outcomes = await runInOrder([30, 10, 20, 0, 5], 2, recordingLog(), async (ms) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return ms * 2;
    });
    expect(most).toBe(2);
    expect(outcomes).toEqual([60, 20, 40, 0, 10].map((value) => ({ status: 'fulfilled', value })));
  });

  it('writes the first task’s lines as they come and holds a later one’s until those before it finish', async () => {
    const log = recordingLog();
    const gates = [gate(), gate(), gate()];
    const done = runInOrder(['a', 'b', 'c'], 3, log, async (name, taskLog, index) => {
      taskLog.info(`${name} starts`);
      taskLog.output(`${name} progress`);
      await gates[index]!.opened;
      taskLog.warning(`${name} ends`);
    });
    await tick();
    // All three are running; only the first writes through.
    expect(log.lines).toEqual(['info: a starts', 'output: a progress']);
    // The last one finishes first: still held behind the first.
    gates[2]!.open();
    await tick();
    expect(log.lines).toHaveLength(2);
    gates[0]!.open();
    await tick();
    // The second's lines so far come out, and it now writes through.
    expect(log.lines).toEqual([
      'info: a starts',
      'output: a progress',
      'warning: a ends',
      'info: b starts',
      'output: b progress',
    ]);
    gates[1]!.open();
    await done;
    expect(log.lines.slice(5)).toEqual([
      'warning: b ends',
      'info: c starts',
      'output: c progress',
      'warning: c ends',
    ]);
  });

  it('lets every task settle when one fails, keeping its failure at its index', async () => {
    const log = recordingLog();
    const ran: string[] = [];
    const outcomes = await runInOrder(['a', 'b', 'c'], 1, log, async (name, taskLog) => {
      ran.push(name);
      taskLog.error(`${name} ran`);
      if (name === 'a') throw new Error('a failed');
      return name;
    });
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[0] as PromiseRejectedResult).reason).toEqual(new Error('a failed'));
    expect(log.lines).toEqual(['error: a ran', 'error: b ran', 'error: c ran']);
  });

  it('returns nothing for no items', async () => {
    expect(await runInOrder([], 4, recordingLog(), () => Promise.resolve(1))).toEqual([]);
  });
});

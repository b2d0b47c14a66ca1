import { describe, expect, it } from 'vitest';
import { formatTrace } from '../../../frontend/gateway/trace.js';
import { parseTraces } from '../../../bench/trace.js';

describe('the frontend trace line', () => {
  it('is read back as the frontend wrote it', () => {
    const line = formatTrace({
      start: 1795999801714.93,
      firstSolve: 1795999801984.81,
      returned: 1795999808477.6,
      maxRssKiB: 58540,
      calls: new Map([
        ['Ping', 1],
        ['Solve', 5],
        ['Return', 1],
      ]),
    });
    const log = `time="2026-11-30T00:50:08Z" level=debug msg="x"\n2026-11-30T00:50:08.477Z wasm-frontend info: ${line}\n`;
    expect(parseTraces(log)).toEqual([
      {
        start: 1795999801714.9,
        firstSolve: 1795999801984.8,
        returned: 1795999808477.6,
        maxRssKiB: 58540,
        calls: { Ping: 1, Solve: 5, Return: 1 },
      },
    ]);
  });

  it('may lack a first Solve (a subrequest answered from the file alone)', () => {
    const line = formatTrace({ start: 1, returned: 2, maxRssKiB: 3, calls: new Map([['Ping', 1]]) });
    expect(parseTraces(line)).toEqual([{ start: 1, returned: 2, maxRssKiB: 3, calls: { Ping: 1 } }]);
  });

  it('finds every line of a log, in order', () => {
    const one = (n: number) => formatTrace({ start: n, returned: n + 1, maxRssKiB: 1, calls: new Map() });
    expect(parseTraces(`${one(1)}\nnoise\n${one(5)}\n`).map((t) => t.start)).toEqual([1, 5]);
  });
});

import { describe, expect, it } from 'vitest';
import { busyMs, frontendStart, parseRawJson, parseTime, spanMs } from '../../../bench/progress.js';

const line = (vertexes: object[]) => JSON.stringify({ vertexes });
const FRONTEND = '127.0.0.1:5000/testbed/wasm-frontend:abc';

// What buildx --progress=rawjson printed for a no-op build through a `# syntax=` frontend (shortened).
const rawjson = [
  line([{ digest: 'sha256:def', name: '[internal] load build definition from wasm.toml' }]),
  line([{ digest: 'sha256:def', name: '[internal] load build definition from wasm.toml', started: '2026-11-30T00:43:38.031703065Z' }]),
  line([{ digest: 'sha256:def', name: '[internal] load build definition from wasm.toml', started: '2026-11-30T00:43:38.031703065Z', completed: '2026-11-30T00:43:38.060303002Z' }]),
  JSON.stringify({ statuses: [{ id: 'transferring dockerfile:', vertex: 'sha256:def' }] }),
  line([{ digest: 'sha256:img', name: `docker-image://${FRONTEND}@sha256:1`, started: '2026-11-30T00:43:38.093136770Z', completed: '2026-11-30T00:43:38.097214628Z' }]),
  line([{ digest: 'sha256:img', name: `docker-image://${FRONTEND}@sha256:1`, started: '2026-11-30T00:43:38.097552926Z', completed: '2026-11-30T00:43:38.097590149Z', cached: true }]),
  line([{ digest: 'sha256:def', name: '[internal] load build definition from wasm.toml', started: '2026-11-30T00:43:38.418849935Z', completed: '2026-11-30T00:43:38.418881732Z' }]),
  line([{ digest: 'sha256:c1', name: '[a] compile C (1 file)', started: '2026-11-30T00:43:39.000000000Z', completed: '2026-11-30T00:43:40.000000000Z' }]),
  line([{ digest: 'sha256:c2', name: '[b] compile C (1 file)', started: '2026-11-30T00:43:39.500000000Z', completed: '2026-11-30T00:43:41.000000000Z' }]),
  line([{ digest: 'sha256:o1', name: '[a] wasm-opt -Os', started: '2026-11-30T00:43:41.000000000Z' }]),
  '',
].join('\n'); // prettier-ignore

describe('parseTime', () => {
  it('keeps the digits past the millisecond that Date.parse drops (to what a double holds)', () => {
    expect(parseTime('2026-11-30T00:43:38.031703065Z') - Date.parse('2026-11-30T00:43:38Z')).toBeCloseTo(
      31.703,
      3,
    );
    expect(parseTime('2026-11-30T00:43:38Z')).toBe(Date.parse('2026-11-30T00:43:38Z'));
    expect(() => parseTime('yesterday')).toThrow(/RFC 3339/);
  });
});

describe('parseRawJson', () => {
  const spans = parseRawJson(rawjson);

  it('keeps one span per digest and start, with its latest news', () => {
    const defs = spans.filter((s) => s.digest === 'sha256:def');
    expect(defs).toHaveLength(2);
    expect(defs[0]!.completed! - defs[0]!.started).toBeCloseTo(28.6, 1);
    expect(spans.filter((s) => s.digest === 'sha256:img').map((s) => s.cached)).toEqual([false, true]);
  });

  it('keeps a vertex that never completed, without an end', () => {
    expect(spans.find((s) => s.digest === 'sha256:o1')?.completed).toBeUndefined();
  });
});

describe('vertex times', () => {
  const spans = parseRawJson(rawjson);

  it('sums the busy time of matching steps, overlaps twice, and skips unfinished ones', () => {
    expect(busyMs(spans, /compile C/)).toBeCloseTo(2500, 3);
    expect(busyMs(spans, /wasm-opt/)).toBe(0);
  });

  it('measures first start to last end', () => {
    expect(spanMs(spans, /compile C/)).toBeCloseTo(2000, 3);
    expect(spanMs(spans, /nothing/)).toBe(0);
  });

  it("times the frontend's start: its image ready, then the next vertex it asked for", () => {
    const s = frontendStart(spans, FRONTEND)!;
    expect(s.firstSolve - s.imageReady).toBeCloseTo(321.29, 1);
    expect(frontendStart(spans, 'other/image:1')).toBeUndefined();
  });
});

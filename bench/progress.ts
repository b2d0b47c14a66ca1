// Reading buildx's `--progress=rawjson`: one JSON SolveStatus a line, whose vertex updates carry the
// daemon's nanosecond timestamps. Times here are epoch milliseconds (fractional).

export interface VertexSpan {
  digest: string;
  name: string;
  started: number;
  /** Missing when the build ended before the vertex did (an error). */
  completed?: number;
  cached: boolean;
}

/** `2026-11-30T00:43:38.031536404Z` -> epoch ms; Date.parse alone would drop the digits past the third. */
export function parseTime(s: string): number {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(s);
  if (!m) throw new Error(`not an RFC 3339 time: ${s}`);
  return Date.parse(m[1]! + m[3]!) + Number(`0.${m[2] ?? '0'}`) * 1000;
}

interface RawVertex {
  digest: string;
  name?: string;
  started?: string;
  completed?: string;
  cached?: boolean;
}

/**
 * Every span a vertex was active: a vertex is reported again each time it changes, and one digest may run
 * more than once in a build (BuildKit's Dockerfile frontend and a `# syntax=` frontend both load the
 * definition), so spans are keyed by digest and start, keeping the latest news of each.
 */
export function parseRawJson(text: string): VertexSpan[] {
  const spans = new Map<string, VertexSpan>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    const status = JSON.parse(line) as { vertexes?: RawVertex[] };
    for (const v of status.vertexes ?? []) {
      if (!v.started) continue;
      const key = `${v.digest} ${v.started}`;
      const prev = spans.get(key);
      spans.set(key, {
        digest: v.digest,
        name: v.name ?? prev?.name ?? '',
        started: parseTime(v.started),
        ...(v.completed
          ? { completed: parseTime(v.completed) }
          : prev?.completed
            ? { completed: prev.completed }
            : {}),
        cached: (v.cached ?? false) || (prev?.cached ?? false),
      });
    }
  }
  return [...spans.values()].sort((a, b) => a.started - b.started);
}

/** Milliseconds the vertices whose name matches spent active, summed (overlaps count twice). */
export function busyMs(spans: readonly VertexSpan[], name: RegExp): number {
  return spans
    .filter((s) => name.test(s.name) && s.completed !== undefined)
    .reduce((sum, s) => sum + (s.completed! - s.started), 0);
}

/** From the first start to the last end of the matching vertices; 0 when none ran. */
export function spanMs(spans: readonly VertexSpan[], name: RegExp): number {
  const m = spans.filter((s) => name.test(s.name) && s.completed !== undefined);
  if (m.length === 0) return 0;
  return Math.max(...m.map((s) => s.completed!)) - Math.min(...m.map((s) => s.started));
}

/**
 * When the daemon had the frontend image `ref` ready (its `docker-image://` vertex last ended) and when the
 * next vertex started after that: the frontend's first Solve, since nothing else asks the daemon for work
 * while the frontend container starts. The difference is the frontend's start as the daemon sees it.
 */
export function frontendStart(
  spans: readonly VertexSpan[],
  ref: string,
): { imageReady: number; firstSolve: number } | undefined {
  const image = spans.filter((s) => s.name.startsWith(`docker-image://${ref}`) && s.completed !== undefined);
  if (image.length === 0) return undefined;
  const imageReady = Math.max(...image.map((s) => s.completed!));
  const next = spans.find((s) => s.started > imageReady);
  return next ? { imageReady, firstSolve: next.started } : undefined;
}

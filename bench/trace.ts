// The frontend's opt-in `trace:` line (frontend/gateway/trace.ts), as it reaches the daemon's log.

export interface FrontendTrace {
  /** Epoch ms: the node process's start, its first Solve sent, its Return answered. */
  start: number;
  firstSolve?: number;
  returned: number;
  maxRssKiB: number;
  calls: Record<string, number>;
}

const LINE = /trace: start=([\d.]+)(?: first-solve=([\d.]+))? return=([\d.]+) max-rss-kib=(\d+) calls=(\S*)/g;

/** Every trace line in a piece of the daemon's log, in order. */
export function parseTraces(log: string): FrontendTrace[] {
  return [...log.matchAll(LINE)].map((m) => ({
    start: Number(m[1]),
    ...(m[2] ? { firstSolve: Number(m[2]) } : {}),
    returned: Number(m[3]),
    maxRssKiB: Number(m[4]),
    calls: Object.fromEntries(
      m[5]!
        .split(',')
        .filter(Boolean)
        .map((c) => {
          const [method, n] = c.split(':');
          return [method!, Number(n)];
        }),
    ),
  }));
}

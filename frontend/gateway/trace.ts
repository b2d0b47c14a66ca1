// Opt-in timing of the frontend itself, for `npm run bench`: with the build arg WASM_BUILD_FRONTEND_TRACE
// set, one `trace:` line goes to the daemon's log after the Return. The daemon's own log has whole
// seconds only, and only the process knows when it started and how much memory it used. Counting calls
// costs a map update each; nothing is written unless asked, and nothing the build produces changes.
import type { UnaryChannel } from './transport/channel.js';

export const TRACE_BUILD_ARG = 'WASM_BUILD_FRONTEND_TRACE';

/** Wall-clock milliseconds, as precise as the process's high-resolution clock. */
const now = (): number => performance.timeOrigin + performance.now();

/** A channel that counts the calls made through it and notes when the first Solve was sent. */
export class TracedChannel implements UnaryChannel {
  readonly #inner: UnaryChannel;
  readonly calls = new Map<string, number>();
  firstSolveAt: number | undefined;

  constructor(inner: UnaryChannel) {
    this.#inner = inner;
  }

  unary(method: string, request: Uint8Array): Promise<Uint8Array> {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    if (method === 'Solve') this.firstSolveAt ??= now();
    return this.#inner.unary(method, request);
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}

export interface TraceRecord {
  /** When the process started (performance.timeOrigin), epoch milliseconds. */
  start: number;
  firstSolve?: number;
  /** When the Return's answer arrived. */
  returned: number;
  /** Peak resident set size of the process, KiB (getrusage's ru_maxrss). */
  maxRssKiB: number;
  calls: ReadonlyMap<string, number>;
}

/** `trace: start=<ms> first-solve=<ms> return=<ms> max-rss-kib=<n> calls=Ping:1,Solve:3`, epoch ms. */
export function formatTrace(t: TraceRecord): string {
  const calls = [...t.calls].map(([m, n]) => `${m}:${n}`).join(',');
  const first = t.firstSolve === undefined ? '' : ` first-solve=${t.firstSolve.toFixed(1)}`;
  return `trace: start=${t.start.toFixed(1)}${first} return=${t.returned.toFixed(1)} max-rss-kib=${t.maxRssKiB} calls=${calls}`;
}

export function traceRecord(channel: TracedChannel): TraceRecord {
  return {
    start: performance.timeOrigin,
    ...(channel.firstSolveAt === undefined ? {} : { firstSolve: channel.firstSolveAt }),
    returned: now(),
    maxRssKiB: process.resourceUsage().maxRSS,
    calls: channel.calls,
  };
}

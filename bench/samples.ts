// What a build's vertex times and trace say, as a Sample's metrics. Step names are the progress names the
// frontend gives its steps ("[hello] wasm-opt -Os", "[hello] compile C (1 file)") and BuildKit's Dockerfile
// frontend gives a stage's RUN ("[build 4/4] RUN clang ...").
import type { BuildResult } from './build.js';
import { busyMs, frontendStart } from './progress.js';
import type { Sample } from './runner.js';

const WASM_OPT = /\] wasm-opt /;
const COMPILE = /\] (compile C|cargo build|go build)/;
const DOCKERFILE_RUN = /^\[build \d+\/\d+\] RUN /;

/** How long a build's wasm-opt steps ran (0: there were none). */
export function wasmOptMs(r: BuildResult): number {
  return busyMs(r.spans, WASM_OPT);
}

export interface BuildSample extends Sample {
  metrics: Record<string, number>;
  /** The frontend's gateway calls by method (traced builds). */
  calls?: Record<string, number>;
}

/**
 * A build through the wasm frontend (`image`: its reference). Times the frontend's own start when the
 * daemon shows it: from the frontend image being ready to the first vertex the frontend asked for.
 */
export function frontendSample(r: BuildResult, image: string): BuildSample {
  const metrics: Record<string, number> = {
    wasmOptMs: wasmOptMs(r),
    compileMs: busyMs(r.spans, COMPILE),
  };
  const start = frontendStart(r.spans, image);
  if (start) metrics.startToSolveMs = start.firstSolve - start.imageReady;
  const t = r.trace;
  if (t) {
    metrics.ownMs = t.returned - t.start;
    metrics.maxRssMiB = t.maxRssKiB / 1024;
    metrics.rpcs = Object.values(t.calls).reduce((a, n) => a + n, 0);
    if (t.firstSolve !== undefined) metrics.processToSolveMs = t.firstSolve - t.start;
    if (start) metrics.containerMs = t.start - start.imageReady;
  }
  return { ms: r.ms, metrics, ...(t ? { calls: t.calls } : {}) };
}

/** A Dockerfile build; `syntaxImage` when it ran through a `# syntax=` frontend image. */
export function dockerfileSample(r: BuildResult, syntaxImage?: string): BuildSample {
  const metrics: Record<string, number> = { runMs: busyMs(r.spans, DOCKERFILE_RUN) };
  const start = syntaxImage ? frontendStart(r.spans, syntaxImage) : undefined;
  if (start) metrics.startToSolveMs = start.firstSolve - start.imageReady;
  return { ms: r.ms, metrics };
}

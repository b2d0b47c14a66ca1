// One timed buildx build on the benchmark's builder: wall time around the client, BuildKit's vertex times,
// and the frontend's trace line when it was asked for.
import { rmSync, statSync } from 'node:fs';
import { TRACE_BUILD_ARG } from '../frontend/gateway/trace.js';
import { runProcess } from '../src/process.js';
import { logSince, type Bench } from './context.js';
import { parseRawJson, type VertexSpan } from './progress.js';
import { parseTraces, type FrontendTrace } from './trace.js';

export interface BuildRequest {
  /** wasm.toml or a Dockerfile. */
  file: string;
  context: string;
  buildArgs?: Record<string, string>;
  /** Where the OCI layout goes (emptied first), as the action exports; none for a `call`. */
  out?: string;
  platform?: string;
  /** Ask the wasm frontend for its trace line (an unused build arg for any other frontend). */
  trace?: boolean;
  /** `--call=...`: a subrequest instead of a build. */
  call?: string;
  /** Another builder than the benchmark's, and its log. */
  builder?: { name: string; log: string };
}

export interface BuildResult {
  ms: number;
  spans: VertexSpan[];
  trace?: FrontendTrace;
}

export async function buildx(b: Bench, req: BuildRequest): Promise<BuildResult> {
  if (req.out) rmSync(req.out, { recursive: true, force: true });
  const log = req.builder?.log ?? b.daemon.log;
  const args = ['build', '--builder', req.builder?.name ?? b.daemon.builder, '--progress=rawjson'];
  args.push('--provenance=false', '--sbom=false', '-f', req.file);
  if (req.platform) args.push('--platform', req.platform);
  for (const [k, v] of Object.entries({ ...req.buildArgs, ...(req.trace ? { [TRACE_BUILD_ARG]: '1' } : {}) }))
    args.push('--build-arg', `${k}=${v}`);
  if (req.call) args.push(`--call=${req.call}`);
  else if (req.out) args.push('--output', `type=oci,dest=${req.out},tar=false`);
  args.push(req.context);
  const offset = statSync(log).size;
  const start = performance.now();
  const r = await runProcess('buildx', args, { env: b.env });
  const ms = performance.now() - start;
  if (r.code !== 0) {
    const tail = r.stderr.trim().split('\n').slice(-20).join('\n');
    throw new Error(`buildx build -f ${req.file} failed (${r.code}):\n${tail}`);
  }
  const spans = parseRawJson(r.stderr);
  if (!req.trace) return { ms, spans };
  // The frontend writes its trace right after the Return, and the daemon copies it to its log as it comes:
  // usually before buildx exits, but not always.
  for (let i = 0; i < 20; i++) {
    const trace = parseTraces(await logSince(log, offset)).at(-1);
    if (trace) return { ms, spans, trace };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no frontend trace line in ${log} after building ${req.file}`);
}

// Reads the first bytes of a built module through the gateway (Solve, then a ranged ReadFile) and checks
// them against the module's target: the pure byte logic is in wasm-header.ts.
import { GatewayCap, type CacheOptionsEntry, type Platform } from '../gateway/index.js';
import type { BuildIO } from './build-io.js';
import { marshal, type State } from '../llb/index.js';
import { HEADER_LENGTH, headerProblem, inspectHeader } from './wasm-header.js';
import type { Target } from '../../src/wasm-toml/index.js';

export type OutputProblem =
  /** The file is there but is not WebAssembly, or not the kind the target needs; `detail` follows the file's name. */
  | { kind: 'not-wasm' | 'wrong-kind'; detail: string }
  /** The build succeeded but left no readable file at the path. */
  | { kind: 'missing'; detail: string };

export interface CheckOutputOptions {
  target: Target;
  platform: Platform;
  cacheImports: readonly CacheOptionsEntry[];
}

/**
 * Solves `state` and reads the first HEADER_LENGTH bytes of `path` in it. With the evaluate cap
 * (v0.11+) the build runs inside Solve, so its failures come back from there untouched (buildx shows
 * the failing step and its logs) and a ReadFile failure can only mean the file is not there; without
 * it, a ReadFile error may be the build's and is passed on as the daemon sent it.
 */
export async function checkOutput(
  gateway: BuildIO,
  state: State,
  path: string,
  opts: CheckOutputOptions,
): Promise<OutputProblem | undefined> {
  const evaluate = gateway.caps.has(GatewayCap.solveEvaluate);
  const res = await gateway.solve({
    definition: marshal(state, { platform: opts.platform }).definition,
    cacheImports: [...opts.cacheImports],
    ...(evaluate ? { evaluate: true } : {}),
  });
  if (!res.ref) throw new Error(`the daemon returned no result for ${path}`);
  let head: Uint8Array;
  try {
    head = await gateway.readFile(res.ref, path, { offset: 0, length: HEADER_LENGTH });
  } catch (err) {
    if (!evaluate) throw err;
    return { kind: 'missing', detail: (err as Error).message };
  }
  const problem = headerProblem(head, opts.target);
  if (problem === undefined) return undefined;
  return { kind: inspectHeader(head).wasm ? 'wrong-kind' : 'not-wasm', detail: problem };
}

// The frontend's check of a build output against its module's target (core module or component).
import type { Target } from '../../src/wasm-toml/index.js';
import { inspectHeader, type WasmKind } from '../../src/primitives/wasm-preamble.js';

export {
  HEADER_LENGTH,
  inspectHeader,
  type Header,
  type WasmKind,
} from '../../src/primitives/wasm-preamble.js';

/** What a module's target requires: a core module for `wasip1`, a component for `wasip2`. */
export function expectedKind(target: Target): WasmKind {
  return target === 'wasip2' ? 'component' : 'module';
}

const kindName: Record<WasmKind, string> = { module: 'a core module', component: 'a component' };

/**
 * Checks a build output's first bytes against the module's target. Returns undefined when it is the
 * expected kind, else the problem as one sentence that starts after the output's name, e.g.
 * `is not a WebAssembly binary: found an empty file; target = "wasip1" expects a core module`.
 */
export function headerProblem(bytes: Uint8Array, target: Target): string | undefined {
  const header = inspectHeader(bytes);
  const expected = expectedKind(target);
  const expectation = `target = "${target}" expects ${kindName[expected]}`;
  if (!header.wasm) return `is not a WebAssembly binary: found ${header.found}; ${expectation}`;
  if (header.kind === expected) return undefined;
  const hint =
    header.kind === 'component'
      ? 'set target = "wasip2" to ship a component'
      : 'a core module becomes a component with `wasm-tools component new` and a WASI adapter, or set target = "wasip1"';
  return `is ${kindName[header.kind]}, but ${expectation} (${hint})`;
}

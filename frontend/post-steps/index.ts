// The steps after a module's language build: each runs a tool the frontend image ships (wasm-opt,
// jco's `component new`) as an exec on that image. The converter asks which apply and runs them in order;
// what a step is called, which wasm.toml key asked for it and what to say when its tool is missing live
// with the step.
import type { ModuleSpec } from '../../src/wasm-toml/index.js';
import type { BuiltModule } from '../languages/driver.js';
import type { State } from '../llb/index.js';
import { componentizeFor } from './componentize.js';
import { wasmOptFor } from './wasm-opt.js';

export interface PostStep {
  /** The wasm.toml key that asks for the step: its failures point there. */
  readonly key: readonly string[];
  /** How messages name the file the step writes. */
  readonly output: string;
  /** Whether the image this process runs in (the frontend image) has the tool where the exec expects it. */
  ships(): boolean;
  /** What to tell the user when the frontend image lacks the tool. */
  readonly missing: string;
  /** What to tell the user when the daemon cannot give the frontend its own image (`why`). */
  unavailable(why: string): string;
  /** The module after the step: an exec on `frontendImage` that reads `input`. */
  run(frontendImage: State, input: BuiltModule, opts: { label: string; ignoreCache: boolean }): BuiltModule;
}

/**
 * The steps `module` needs after its build, in order. A component is never wasm-opt's input, so today at
 * most one applies: componentize for a wasip1 toolchain asked for `wasip2`, else wasm-opt when asked for.
 */
export function postStepsFor(module: ModuleSpec, built: BuiltModule): PostStep[] {
  return [componentizeFor(module, built), wasmOptFor(module, built)].filter((s) => s !== undefined);
}

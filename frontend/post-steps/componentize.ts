// `target = "wasip2"` on a toolchain that builds only wasip1 core modules: the module becomes a WASI 0.2
// command component through jco's `component new` (wasm-tools as JS + WebAssembly) with the preview1
// command adapter, run as an exec on the frontend's own image, as wasm-opt is (see frontend/Dockerfile).
// The exec runs this very bundle: `node /wasm-build/frontend.mjs componentize <in> <out>`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ModuleSpec } from '../../src/wasm-toml/index.js';
import type { State } from '../llb/index.js';
import type { BuiltModule } from '../languages/driver.js';
import type { PostStep } from './index.js';
import { nodeCommand, selfImageStep } from './self-step.js';

/** Where frontend/Dockerfile puts jco's pieces in the frontend image. */
export const JCO_DIR = '/wasm-build/jco';
export const WASM_TOOLS_JS = `${JCO_DIR}/node_modules/@bytecodealliance/jco-transpile/vendor/wasm-tools.js`;
export const COMMAND_ADAPTER = `${JCO_DIR}/adapter/wasi_snapshot_preview1.command.wasm`;
/** The bundle itself, which BuildKit runs as the frontend and the exec runs as a tool. */
export const FRONTEND_BUNDLE = '/wasm-build/frontend.mjs';
export const COMPONENTIZE_COMMAND = 'componentize';

/** Whether the image this process runs in has jco and the adapter where the exec expects them. */
export function shipsComponentize(): boolean {
  return existsSync(WASM_TOOLS_JS) && existsSync(COMMAND_ADAPTER);
}

export function componentizeArgs(input: string, output: string): string[] {
  return nodeCommand(FRONTEND_BUNDLE, [COMPONENTIZE_COMMAND, input, output]);
}

/** The component made from a built core module: `/<name>.wasm` in a fresh output (see self-step.ts). */
export function componentizeStep(
  frontendImage: State,
  module: ModuleSpec,
  built: BuiltModule,
  opts: { label: string; ignoreCache: boolean },
): BuiltModule {
  return selfImageStep(frontendImage, module, built, componentizeArgs, {
    customName: `${opts.label} component new (wasi_snapshot_preview1 command adapter)`,
    ignoreCache: opts.ignoreCache,
  });
}

/** The componentize step, for a `wasip2` module whose toolchain built a wasip1 core module. */
export function componentizeFor(module: ModuleSpec, built: BuiltModule): PostStep | undefined {
  if (!built.componentize || module.target !== 'wasip2') return undefined;
  return {
    key: ['target'],
    output: 'the output of component new',
    ships: shipsComponentize,
    missing: `target = "wasip2": this toolchain builds a wasip1 core module, and this frontend image has no jco at ${WASM_TOOLS_JS} to make it a component (build it from frontend/Dockerfile)`,
    unavailable: (why) =>
      `target = "wasip2": the component is made in the frontend's own image, but ${why}; use BuildKit v0.10 or later`,
    run: (frontendImage, input, opts) => componentizeStep(frontendImage, module, input, opts),
  };
}

interface WasmTools {
  $init: Promise<void>;
  tools: {
    componentNew(core: Uint8Array, adapters: [string, Uint8Array][] | null): Uint8Array;
    componentWit(component: Uint8Array): string;
  };
}

/** The tool the exec runs (in the frontend image): core module in, command component out. */
export async function componentizeMain(args: readonly string[]): Promise<number> {
  const [input, output] = args;
  if (!input || !output) {
    process.stderr.write(`usage: ${COMPONENTIZE_COMMAND} <core module> <component>\n`);
    return 2;
  }
  const { $init, tools } = (await import(WASM_TOOLS_JS)) as WasmTools;
  await $init;
  const component = tools.componentNew(readFileSync(input), [
    ['wasi_snapshot_preview1', readFileSync(COMMAND_ADAPTER)],
  ]);
  writeFileSync(output, component);
  // The world it targets, for the build log.
  process.stdout.write(tools.componentWit(component));
  return 0;
}

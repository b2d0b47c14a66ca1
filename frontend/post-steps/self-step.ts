// A post-processing step on the frontend's own image (wasm-opt, componentize): the built module on a
// read-only mount, the tool's argv, `/<name>.wasm` in a fresh output. Offline and cached like any exec:
// same frontend image, same input, same argv, no rerun.
import type { ModuleSpec } from '../../src/wasm-toml/index.js';
import { scratch, type State } from '../llb/index.js';
import type { BuiltModule } from '../languages/driver.js';

const IN_DIR = '/in';
const OUT_DIR = '/out';

/** Where frontend/Dockerfile puts node in the frontend image. */
export const NODE_PATH = '/usr/local/bin/node';
/**
 * Both tools are WebAssembly run by V8 (binaryen.js's wasm-opt; wasm-tools in jco). A run of a second or
 * two never repays tier-up to TurboFan, so only the baseline compiler runs; a long run is the other way
 * round (BENCHMARKS.md has the measurements).
 */
const BASELINE_ONLY = ['--liftoff-only'];

/**
 * The argv that runs a Node.js script of the frontend image, as the steps below do; `longRun` when the
 * tool is expected to work for many seconds (then V8 tiers up as usual).
 */
export function nodeCommand(script: string, args: readonly string[], longRun = false): string[] {
  return [NODE_PATH, ...(longRun ? [] : BASELINE_ONLY), script, ...args];
}

export function selfImageStep(
  frontendImage: State,
  module: ModuleSpec,
  built: BuiltModule,
  /** The argv, given where the step reads the module and where it writes the result. */
  argv: (input: string, output: string) => string[],
  opts: { customName: string; ignoreCache: boolean },
): BuiltModule {
  const file = `/${module.name}.wasm`;
  const run = frontendImage.run({
    args: argv(`${IN_DIR}${built.path}`, `${OUT_DIR}${file}`),
    cwd: '/',
    network: 'none',
    mounts: [
      { type: 'bind', dest: IN_DIR, source: built.output, readonly: true },
      { type: 'bind', dest: OUT_DIR, source: scratch() },
    ],
    ignoreCache: opts.ignoreCache,
    customName: opts.customName,
  });
  return { output: run.mount(OUT_DIR), path: file };
}

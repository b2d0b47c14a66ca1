// A post-processing step on the frontend's own image (wasm-opt, componentize): the built module on a
// read-only mount, the tool's argv, `/<name>.wasm` in a fresh output. Offline and cached like any exec:
// same frontend image, same input, same argv, no rerun.
import type { ModuleSpec } from '../src/wasm-toml/index.js';
import { scratch, type State } from './llb/index.js';
import type { BuiltModule } from './languages/driver.js';

const IN_DIR = '/in';
const OUT_DIR = '/out';

/** Where frontend/Dockerfile puts node in the frontend image. */
export const NODE_PATH = '/usr/local/bin/node';
/**
 * Both tools are WebAssembly run by V8 (binaryen.js's wasm-opt, 8 MB; wasm-tools in jco). For a run of a
 * second or two, tier-up to TurboFan never pays for itself, so only the baseline compiler runs. On 2
 * cores: wasm-opt -Os of a 24 KB C module 0.58 s instead of 0.95 s, of a 77 KB Rust module 0.88 s instead
 * of 1.3-1.6 s, at half the memory; componentize 0.23-0.33 s instead of 0.45-0.51 s. A long run is the
 * other way round: wasm-opt of a 3 MB Go module took 15.5-15.9 s instead of 12.8-13.1 s.
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

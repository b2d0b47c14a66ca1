// A post-processing step on the frontend's own image (wasm-opt, componentize): the built module on a
// read-only mount, the tool's argv, `/<name>.wasm` in a fresh output. Offline and cached like any exec:
// same frontend image, same input, same argv, no rerun.
import type { ModuleSpec } from '../src/wasm-toml/index.js';
import { scratch, type State } from './llb/index.js';
import type { BuiltModule } from './languages/driver.js';

const IN_DIR = '/in';
const OUT_DIR = '/out';

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

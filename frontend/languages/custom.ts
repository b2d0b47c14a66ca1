// A module with its own `build` command (no `language`): the command runs in `source` inside the given
// toolchain image, and `output` names what it wrote.
import { ModuleError } from '../convert/module-error.js';
import path from 'node:path/posix';
import { SRC_DIR, type BuildInputs, type BuiltModule } from './driver.js';

export function buildCustom(inputs: BuildInputs): BuiltModule {
  const { module } = inputs;
  if (!module.build || !module.output) {
    throw new ModuleError(module.name, ['build'], 'a custom build needs both `build` and `output`');
  }
  const cwd = path.join(SRC_DIR, module.source);
  const run = inputs.toolchain.run({
    args: module.build,
    env: module.env,
    cwd,
    // The command writes into a copy of the context; the sources the client sent are never changed.
    mounts: [{ type: 'bind', dest: SRC_DIR, source: inputs.context }],
    ignoreCache: inputs.ignoreCache,
    customName: `${inputs.label} build: ${module.build.join(' ')}`,
  });
  // The /src mount's output is the context itself, so the path is taken from its root.
  return { output: run.mount(SRC_DIR), path: path.join('/', module.source, module.output) };
}

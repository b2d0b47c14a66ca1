// Runs a language driver on a wasm.toml and a fake build context listing, and reads the LLB it returns
// back through the tests' one LLB view (../llb/view.ts). Driver tests assert on that view, not on the
// driver's code.
import type { ModuleSpec } from '../../../src/wasm-toml/index.js';
import { image, local, type State } from '../../../frontend/llb/index.js';
import { matchFiles } from '../../../frontend/convert/context-files.js';
import type { BuildInputs, BuiltModule, LanguageDriver } from '../../../frontend/languages/driver.js';
import { viewLlb, type ExecView, type LlbView } from '../llb/view.js';

export type { ExecView, MountView } from '../llb/view.js';
import { moduleOf as parsedModule } from '../../support/wasm-toml.js';

/** A module named "m" with `text` in its table. */
export const moduleOf = (text: string): ModuleSpec => parsedModule(`name = "m"\n${text}`);

export interface DriverRun extends LlbView {
  result: BuiltModule;
}

export interface FakeBuild {
  /** Files under the module's source, relative to it. */
  files: readonly string[];
  /** The toolchain image config's Env. */
  imageEnv?: readonly string[];
  ignoreCache?: boolean;
}

export const TOOLCHAIN = 'registry.test/toolchain:1';

/**
 * Build inputs as build.ts gives a driver them, with the context's file list given by the test and a
 * toolchain image that answers nothing: these drivers never read build results while planning.
 */
export function fakeInputs(
  module: ModuleSpec,
  files: readonly string[],
  opts: { toolchain: State; context: State; ignoreCache?: boolean },
): BuildInputs {
  return {
    module,
    toolchain: opts.toolchain,
    toolchainEnv: opts.toolchain.environment,
    context: opts.context,
    files: async (patterns) => matchFiles(files, patterns),
    label: `[${module.name}]`,
    ignoreCache: opts.ignoreCache ?? false,
    read: async (_, file) => {
      throw new Error(`the driver read ${file} from a build result, which this fake cannot answer`);
    },
  };
}

export async function runDriver(
  driver: LanguageDriver,
  module: ModuleSpec,
  fake: FakeBuild,
): Promise<DriverRun> {
  const imageEnv = fake.imageEnv ?? ['PATH=/usr/local/bin:/usr/bin:/bin'];
  const toolchain = image(TOOLCHAIN, { customName: 'toolchain' }).withImageConfig({
    config: { Env: imageEnv },
  });
  const result = await driver.build(
    fakeInputs(module, fake.files, {
      toolchain,
      context: local('context', { customName: 'context' }),
      ignoreCache: fake.ignoreCache,
    }),
  );
  return { result, ...viewLlb(result.output) };
}

/** The exec whose custom name starts with `prefix`. */
export function execNamed(run: DriverRun, prefix: string): ExecView {
  const found = run.execs.filter((e) => e.name.startsWith(prefix));
  if (found.length !== 1)
    throw new Error(`${found.length} execs named "${prefix}...": ${run.execs.map((e) => e.name)}`);
  return found[0]!;
}

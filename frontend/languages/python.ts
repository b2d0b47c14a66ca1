// Python with componentize-py, which bundles a CPython built for WASI with the app and its packages:
//   pip install componentize-py (network; keyed by its version only, so shared by every project)
//   pip install -r requirements.txt (network; sees requirements.txt alone) ─┐
//   componentize-py componentize <app> (offline) ───────────────────────────┘
// The packages go to a directory the compile step reads, never into the image's Python: they run inside
// the component, so only pure-Python wheels (platform `any`) are accepted; a package that needs compiling
// fails in its step with pip's "no matching distribution".
import path from 'node:path/posix';
import type { ModuleSpec } from '../../src/wasm-toml/index.js';
import { ModuleError } from '../convert/module-error.js';
import { copy, scratch, type MountSpec } from '../llb/index.js';
import { OUT_DIR, SRC_DIR, type BuildInputs, type BuiltModule, type LanguageDriver } from './driver.js';
import { chooseWorld } from './world.js';

/** Official Python image, Debian bookworm slim: python3 and pip. */
export const PYTHON_IMAGE = 'docker.io/library/python:3.13-slim-bookworm';

/** componentize-py, installed by pip with `--target`: the package and its bin/ script. */
export const TOOLS_DIR = '/wasm-build/componentize-py';
/** The project's packages from requirements.txt. */
export const PACKAGES_DIR = '/wasm-build/site-packages';
const REQUIREMENTS = 'requirements.txt';
/** pip's cache in the official image (root's home); an image's `PIP_CACHE_DIR` takes precedence. */
export const PIP_CACHE_DIR = '/root/.cache/pip';
export const PIP_CACHE_ID = 'wasm-build-pip-cache';

function options(module: ModuleSpec): NonNullable<ModuleSpec['python']> {
  if (!module.python) throw new Error(`module "${module.name}" has no python options`);
  return module.python;
}

/** `--target` leaves pip's check for an externally managed Python (Debian's) out, as it should here. */
export function pipInstallArgs(target: string, packages: readonly string[], onlyAny: boolean): string[] {
  return [
    'python3',
    '-m',
    'pip',
    'install',
    '--target',
    target,
    '--only-binary=:all:',
    ...(onlyAny ? ['--platform', 'any'] : []),
    '--no-compile',
    ...packages,
  ];
}

/** The app's module file: `service.main` is service/main.py (or a package, service/main/__init__.py). */
const appFiles = (app: string): string[] => {
  const base = app.replaceAll('.', '/');
  return [`${base}.py`, `${base}/__init__.py`];
};

export const pythonDriver: LanguageDriver = {
  languages: ['python'],
  defaultImage: () => PYTHON_IMAGE,
  async build(inputs: BuildInputs): Promise<BuiltModule> {
    const { module, label, ignoreCache } = inputs;
    const opts = options(module);
    const present = await inputs.files([...appFiles(opts.app), REQUIREMENTS]);
    if (!appFiles(opts.app).some((f) => present.includes(f))) {
      throw new ModuleError(
        module.name,
        ['python', 'app'],
        `the app module "${opts.app}" is neither ${appFiles(opts.app).join(' nor ')} under "${module.source}" (set python.app)`,
      );
    }
    const cacheDir = inputs.toolchainEnv.get('PIP_CACHE_DIR') ?? PIP_CACHE_DIR;
    const env = {
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
      PIP_ROOT_USER_ACTION: 'ignore',
      PIP_CACHE_DIR: cacheDir,
      ...module.env,
    };
    const pipCache: MountSpec = { type: 'cache', dest: cacheDir, id: PIP_CACHE_ID, sharing: 'shared' };
    const tool = `componentize-py==${opts['componentize-py']}`;
    const tools = inputs.toolchain.run({
      args: pipInstallArgs(TOOLS_DIR, [tool], false),
      env,
      mounts: [{ type: 'bind', dest: TOOLS_DIR, source: scratch() }, pipCache],
      ignoreCache,
      customName: `${label} pip install ${tool}`,
    });

    const mounts: MountSpec[] = [
      { type: 'bind', dest: TOOLS_DIR, source: tools.mount(TOOLS_DIR), readonly: true },
    ];
    const pythonPath = ['-p', '.'];
    if (present.includes(REQUIREMENTS)) {
      // Only requirements.txt reaches the step, so editing the app reuses the installed packages.
      const requirements = scratch().file(
        copy(inputs.context, path.join('/', module.source, REQUIREMENTS), `/${REQUIREMENTS}`),
        { ignoreCache, customName: `${label} ${REQUIREMENTS}` },
      );
      const install = inputs.toolchain.run({
        args: pipInstallArgs(PACKAGES_DIR, ['-r', `/wasm-build/${REQUIREMENTS}`], true),
        env,
        mounts: [
          { type: 'bind', dest: PACKAGES_DIR, source: scratch() },
          {
            type: 'bind',
            dest: `/wasm-build/${REQUIREMENTS}`,
            source: requirements,
            selector: `/${REQUIREMENTS}`,
            readonly: true,
          },
          pipCache,
        ],
        ignoreCache,
        customName: `${label} pip install -r ${REQUIREMENTS}`,
      });
      mounts.push({ type: 'bind', dest: PACKAGES_DIR, source: install.mount(PACKAGES_DIR), readonly: true });
      pythonPath.push('-p', PACKAGES_DIR);
    }

    const world = chooseWorld(opts, module.source, label, ignoreCache);
    const compile = inputs.toolchain.run({
      args: [
        'python3',
        `${TOOLS_DIR}/bin/componentize-py`,
        '-d',
        world.witDir,
        '-w',
        world.world,
        'componentize',
        opts.app,
        ...pythonPath,
        '-o',
        `${OUT_DIR}/${module.name}.wasm`,
      ],
      env: { ...env, PYTHONPATH: TOOLS_DIR },
      cwd: path.join(SRC_DIR, module.source),
      network: 'none',
      mounts: [
        // Writable: Python may write __pycache__ beside the app; the exec's copy of the context is thrown away.
        { type: 'bind', dest: SRC_DIR, source: inputs.context },
        { type: 'bind', dest: OUT_DIR, source: scratch() },
        ...mounts,
        ...(world.mount ? [world.mount] : []),
      ],
      ignoreCache,
      customName: `${label} componentize-py componentize ${opts.app} (${opts.world})`,
    });
    return { output: compile.mount(OUT_DIR), path: `/${module.name}.wasm` };
  },
};

// The npm dependency step of the Node.js languages (AssemblyScript, JavaScript): the project's
// package.json and lockfile alone, installed with network access and npm's cache on a cache mount; the
// compile step after it mounts the node_modules it leaves, offline.
import path from 'node:path/posix';
import { ModuleError } from '../convert/module-error.js';
import { copy, scratch, type ExecState, type MountSpec, type State } from '../llb/index.js';
import type { BuildInputs } from './driver.js';

/** Official Node.js image, LTS line 24, Debian bookworm slim: node, npm and npx. */
export const NODE_IMAGE = 'docker.io/library/node:24-bookworm-slim';

/** Where the dependency step runs: package.json and the lockfile, and the node_modules it installs. */
export const DEPS_DIR = '/deps';
/** npm's cache in the official image (root's home); an image's `npm_config_cache` takes precedence. */
export const NPM_CACHE_DIR = '/root/.npm';
export const NPM_CACHE_ID = 'wasm-build-npm-cache';

export const MANIFEST = 'package.json';
/** `npm ci` accepts either; with neither the step runs `npm install`. */
export const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];

/**
 * The dependency step's command. Build tools are normally devDependencies, so dev dependencies are
 * installed even if the build's environment says NODE_ENV=production; audit and funding calls are skipped.
 */
export function npmInstallArgs(hasLockfile: boolean): string[] {
  return ['npm', hasLockfile ? 'ci' : 'install', '--include=dev', '--no-audit', '--no-fund'];
}

/** The environment of both steps: npm's cache where the cache mount is, no update check. */
export function npmEnv(module: BuildInputs['module'], cacheDir: string): Record<string, string> {
  return { npm_config_cache: cacheDir, npm_config_update_notifier: 'false', ...module.env };
}

export interface NpmDependencies {
  /** The install step; its DEPS_DIR mount holds node_modules. */
  install: ExecState;
  /** The environment the compile step runs with too. */
  env: Record<string, string>;
}

/**
 * The install step. `needs` completes the error for a module without package.json: what its
 * package.json must depend on.
 */
export async function npmDependencies(inputs: BuildInputs, needs: string): Promise<NpmDependencies> {
  const { module, label, ignoreCache } = inputs;
  const present = await inputs.files([MANIFEST, ...LOCKFILES]);
  if (!present.includes(MANIFEST)) {
    throw new ModuleError(
      module.name,
      ['source'],
      `no ${MANIFEST} under "${module.source}" (or include/exclude leave it out); ${needs}`,
    );
  }
  const lockfiles = LOCKFILES.filter((f) => present.includes(f));
  const cacheDir = inputs.toolchainEnv.get('npm_config_cache') ?? NPM_CACHE_DIR;
  const env = npmEnv(module, cacheDir);
  const npmCache: MountSpec = { type: 'cache', dest: cacheDir, id: NPM_CACHE_ID, sharing: 'shared' };

  // Only the manifest and lockfile reach the install step: BuildKit keys the copy, and so the step, by
  // their content, so editing a source file reuses the installed node_modules.
  let manifest = copy(inputs.context, path.join('/', module.source, MANIFEST), `/${MANIFEST}`);
  for (const f of lockfiles)
    manifest = manifest.copy(inputs.context, path.join('/', module.source, f), `/${f}`);
  const manifestState: State = scratch().file(manifest, {
    ignoreCache,
    customName: `${label} npm manifest (${[MANIFEST, ...lockfiles].join(', ')})`,
  });
  const installArgs = npmInstallArgs(lockfiles.length > 0);
  const install = inputs.toolchain.run({
    args: installArgs,
    env,
    cwd: DEPS_DIR,
    mounts: [{ type: 'bind', dest: DEPS_DIR, source: manifestState }, npmCache],
    ignoreCache,
    customName: `${label} ${installArgs.slice(0, 2).join(' ')}`,
  });
  return { install, env };
}

/** The installed node_modules, read-only at `<cwd>/node_modules` of the compile step. */
export function nodeModulesMount(deps: NpmDependencies, cwd: string): MountSpec {
  return {
    type: 'bind',
    dest: path.join(cwd, 'node_modules'),
    source: deps.install.mount(DEPS_DIR),
    selector: '/node_modules',
    readonly: true,
  };
}

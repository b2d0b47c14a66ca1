// wasmer: `wasmer run [--mapdir guest:host] [--env K=V] module -- [guest args]`; `--` keeps guest
// arguments that start with `-` from being read as wasmer's own.
import { firstVersion, type CliRuntimeSpec } from './cli-runtime.js';
import { GITHUB, type ReleaseSource } from './release.js';
import { guestEnv, type RunRequest } from './runtime.js';

export function wasmerArgs(req: RunRequest): string[] {
  const args = ['run'];
  for (const d of req.dirs) args.push('--mapdir', `${d.guest}:${d.host}`);
  for (const [k, v] of Object.entries(guestEnv(req))) args.push('--env', `${k}=${v}`);
  args.push(req.module, '--', ...req.args);
  return args;
}

export const wasmerCli: CliRuntimeSpec = {
  name: 'wasmer',
  components: false,
  versionArgs: ['--version'],
  parseVersion: firstVersion, // "wasmer 6.0.1"
  runArgs: wasmerArgs,
};

// `wasmer-<os>-<arch>.tar.gz` with `bin/wasmer` at its root; no checksums file is published, and no
// version is verified here, so there is no default: pin one (`wasmer@<version>`) or put wasmer on PATH.
export const wasmerRelease: ReleaseSource = {
  archive(version, p) {
    const arch = p.arch === 'x64' ? 'amd64' : p.os === 'darwin' ? 'arm64' : 'aarch64';
    return {
      origin: GITHUB,
      path: `/wasmerio/wasmer/releases/download/v${version}/wasmer-${p.os}-${arch}.tar.gz`,
      format: 'tar.gz',
      root: '.',
      binary: 'bin/wasmer',
    };
  },
};

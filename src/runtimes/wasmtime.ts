// wasmtime: `wasmtime run [flags] module [guest args]`, flags before the module.
import path from 'node:path';
import { firstVersion, type CliRuntimeSpec } from './cli-runtime.js';
import { GITHUB, type ReleaseSource } from './release.js';
import { guestEnv, type RunRequest } from './runtime.js';

export function wasmtimeArgs(req: RunRequest): string[] {
  return runArgs(req, [], req.module);
}

function runArgs(req: RunRequest, flags: string[], file: string): string[] {
  const args = ['run', ...flags];
  for (const d of req.dirs) args.push('--dir', `${d.host}::${d.guest}`);
  for (const [k, v] of Object.entries(guestEnv(req))) args.push('--env', `${k}=${v}`);
  args.push(file, ...req.args);
  return args;
}

export const wasmtimeCli: CliRuntimeSpec = {
  name: 'wasmtime',
  components: true,
  versionArgs: ['--version'],
  parseVersion: firstVersion, // "wasmtime 48.0.8 (abc 2025-01-01)"
  runArgs: wasmtimeArgs,
  // `wasmtime compile` writes native code for this wasmtime and host (a .cwasm); `run` takes it only with
  // --allow-precompiled, and refuses one made by another version. argv[0] stays the module's name.
  precompile: {
    fileName: (hex) => `${hex}.cwasm`,
    compileArgs: (module, out) => ['compile', '-o', out, module],
    runArgs: (req, compiled) =>
      runArgs(req, ['--allow-precompiled', '--argv0', path.basename(req.module)], compiled),
  },
};

// Release archives hold `wasmtime-v<V>-<arch>-<os>/wasmtime`; the project publishes no checksums file.
export const wasmtimeRelease: ReleaseSource = {
  defaultVersion: '48.0.8',
  archive(version, p) {
    const name = `wasmtime-v${version}-${p.arch === 'x64' ? 'x86_64' : 'aarch64'}-${p.os === 'darwin' ? 'macos' : 'linux'}`;
    return {
      origin: GITHUB,
      path: `/bytecodealliance/wasmtime/releases/download/v${version}/${name}.tar.xz`,
      format: 'tar.xz',
      root: name,
      binary: 'wasmtime',
    };
  },
};

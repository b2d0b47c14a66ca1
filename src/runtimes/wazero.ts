// wazero's CLI: `wazero run [-env K=V] [-mount host:guest] module [guest args]` (Go flags, before the module).
import { firstVersion, type CliRuntimeSpec } from './cli-runtime.js';
import { GITHUB, type ReleaseSource } from './release.js';
import { guestEnv, type RunRequest } from './runtime.js';

export function wazeroArgs(req: RunRequest, cacheDir?: string): string[] {
  const args = ['run'];
  if (cacheDir !== undefined) args.push(`-cachedir=${cacheDir}`);
  for (const d of req.dirs) args.push(`-mount=${d.host}:${d.guest}`);
  for (const [k, v] of Object.entries(guestEnv(req))) args.push(`-env=${k}=${v}`);
  args.push(req.module, ...req.args);
  return args;
}

export const wazeroCli: CliRuntimeSpec = {
  name: 'wazero',
  components: false,
  versionArgs: ['version'],
  parseVersion: firstVersion, // "v1.11.0" or "1.11.0"
  runArgs: (req) => wazeroArgs(req),
  // wazero keeps native code in a cache directory it fills itself (keyed there by the module's bytes and
  // wazero's version); one directory per module digest keeps that key visible here too.
  precompile: {
    fileName: (hex) => hex,
    compileArgs: (module, out) => ['compile', `-cachedir=${out}`, module],
    runArgs: (req, compiled) => wazeroArgs(req, compiled),
  },
};

// goreleaser-style assets: `wazero_<V>_<os>_<amd64|arm64>.tar.gz` holding `wazero`, and `wazero_<V>_checksums.txt`.
export const wazeroRelease: ReleaseSource = {
  defaultVersion: '1.11.0',
  archive(version, p) {
    const dir = `/tetratelabs/wazero/releases/download/v${version}`;
    return {
      origin: GITHUB,
      path: `${dir}/wazero_${version}_${p.os}_${p.arch === 'x64' ? 'amd64' : 'arm64'}.tar.gz`,
      format: 'tar.gz',
      checksumsPath: `${dir}/wazero_${version}_checksums.txt`,
      root: '.',
      binary: 'wazero',
    };
  },
};

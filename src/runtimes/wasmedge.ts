// WasmEdge: `wasmedge [--dir guest:host] [--env K=V] module [guest args]`; note the guest-first --dir.
import { firstVersion, type CliRuntimeSpec } from './cli-runtime.js';
import { GITHUB, type ReleaseSource } from './release.js';
import { guestEnv, type RunRequest } from './runtime.js';

export function wasmedgeArgs(req: RunRequest): string[] {
  const args: string[] = [];
  for (const d of req.dirs) args.push('--dir', `${d.guest}:${d.host}`);
  for (const [k, v] of Object.entries(guestEnv(req))) args.push('--env', `${k}=${v}`);
  args.push(req.module, ...req.args);
  return args;
}

export const wasmedgeCli: CliRuntimeSpec = {
  name: 'wasmedge',
  components: false,
  versionArgs: ['--version'],
  parseVersion: firstVersion, // "wasmedge version 0.14.1"
  runArgs: wasmedgeArgs,
};

// Tags have no `v`. From 0.15.0 the archive holds bin/, lib/ and plugin/ at its root, and `wasmedge`
// finds its shared library through an $ORIGIN rpath, so the whole tree is kept. No checksums are
// published and no registry here ships WasmEdge: pin a version (`wasmedge@0.15.0`) or put it on PATH.
export const wasmedgeRelease: ReleaseSource = {
  archive(version, p) {
    const name =
      p.os === 'darwin'
        ? `WasmEdge-${version}-darwin_${p.arch === 'x64' ? 'x86_64' : 'arm64'}`
        : `WasmEdge-${version}-manylinux_2_28_${p.arch === 'x64' ? 'x86_64' : 'aarch64'}`;
    return {
      origin: GITHUB,
      path: `/WasmEdge/WasmEdge/releases/download/${version}/${name}.tar.gz`,
      format: 'tar.gz',
      root: '.',
      binary: 'bin/wasmedge',
    };
  },
};

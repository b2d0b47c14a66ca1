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
  // Port 0 on loopback: the kernel picks a free port, which `serve` prints. `-Scli` links the wasi:cli
  // interfaces too, as components from componentize-js and -py import them; each request gets a new
  // instance (serve's default for WASIp2). The pooling allocator, serve's default, reserves gigabytes of
  // address space up front for throughput a test does not need, and builds without it refuse to serve.
  serve: (file, compiled, env) => ({
    args: [
      'serve',
      '--addr',
      '127.0.0.1:0',
      '-Scli',
      '-Opooling-allocator=n',
      ...(compiled ? ['--allow-precompiled'] : []),
      ...Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
      file,
    ],
    listening: /^Serving HTTP on (http:\/\/[^/\s]+)\//m,
    label: 'wasmtime serve',
  }),
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

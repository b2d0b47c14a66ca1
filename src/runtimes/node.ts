// Node's built-in WASI preview1 implementation, run in a child Node process so the guest owns real
// stdin/stdout/stderr and an exit code, exactly as a CLI runtime would; components run through jco in
// the same way (jco.ts).
import { closeSync, openSync, readSync } from 'node:fs';
import { HEADER_LENGTH, inspectHeader } from '../primitives/wasm-preamble.js';
import { firstVersion, type CliRuntimeSpec } from './cli-runtime.js';
import { JCO_RUNNER } from './jco.js';
import type { ReleaseSource } from './release.js';
import { guestEnv, type RunRequest } from './runtime.js';

// Runs as `node -e RUNNER <json>`; kept as a string so bundles need no extra file.
const RUNNER = `
const { WASI } = require('node:wasi');
const { readFileSync } = require('node:fs');
const cfg = JSON.parse(process.argv[1]);
const wasi = new WASI({ version: 'preview1', args: cfg.args, env: cfg.env, preopens: cfg.preopens, returnOnExit: true });
WebAssembly.instantiate(readFileSync(cfg.module), wasi.getImportObject()).then(({ instance }) => {
  process.exitCode = wasi.start(instance);
}, (err) => { console.error(String(err)); process.exitCode = 70; });
`;

/** What every runner gives the guest: the file, argv0 and args, env, preopens (guest -> host). */
export function nodeGuestConfig(req: RunRequest) {
  const preopens: Record<string, string> = {};
  for (const d of req.dirs) preopens[d.guest] = d.host;
  const argv0 = req.module.split('/').pop() ?? req.module;
  return {
    module: req.module,
    args: [argv0, ...req.args],
    env: guestEnv(req),
    ...(req.cwd !== undefined && { cwd: req.cwd }),
    preopens,
  };
}

/** The runners' argument: the guest's config, and for components jco's directory. */
export function nodeRunnerConfig(req: RunRequest, jcoDir?: string): string {
  return JSON.stringify({ ...(jcoDir !== undefined && { jco: jcoDir }), ...nodeGuestConfig(req) });
}

/** Component or core module, from the file's first bytes; a file it cannot read goes to node:wasi, which says why. */
export function isComponent(file: string): boolean {
  const head = Buffer.alloc(HEADER_LENGTH);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const header = inspectHeader(head.subarray(0, readSync(fd, head, 0, HEADER_LENGTH, 0)));
    return header.wasm && header.kind === 'component';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * node:wasi for core modules; with jco's packages installed (`jcoDir`, see jco.ts), components too, each
 * run chosen by what the file is.
 */
export function nodeCli(jcoDir?: string): CliRuntimeSpec {
  return {
    name: 'node',
    components: jcoDir !== undefined,
    versionArgs: ['--version'],
    parseVersion: firstVersion, // "v20.20.2"
    runArgs: (req) =>
      jcoDir !== undefined && isComponent(req.module)
        ? ['--no-warnings', '--input-type=module', '-e', JCO_RUNNER, nodeRunnerConfig(req, jcoDir)]
        : ['--no-warnings', '-e', RUNNER, nodeRunnerConfig(req)],
  };
}

/**
 * The guest sees only what the request gives it (env is passed to WASI explicitly), so the child Node
 * process gets no more of the runner's environment than it needs to start.
 */
export function nodeEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '' };
}

// Unpinned, `node` is the Node.js running wasm-build itself; a pinned version comes from nodejs.org,
// checked against the release's SHASUMS256.txt.
export const nodeRelease: ReleaseSource = {
  archive(version, p) {
    const name = `node-v${version}-${p.os}-${p.arch}`;
    return {
      origin: 'https://nodejs.org',
      path: `/dist/v${version}/${name}.tar.xz`,
      format: 'tar.xz',
      checksumsPath: `/dist/v${version}/SHASUMS256.txt`,
      root: name,
      binary: 'bin/node',
    };
  },
};

// The testbed's runwasi shim for wasmtime: `containerd-shim-wasmtime-v1` (runtime io.containerd.wasmtime.v1),
// built from the project's own crate in testbed/runwasi-shim (runwasi's `containerd-shim-wasm` library from
// crates.io with wasmtime). Built on first use, not by `up`: a fresh build takes ~10 minutes on 2 cores, which
// only the runwasi tests need. It lands in one fixed directory that every containerd the testbed starts has
// on its PATH, which is how containerd finds a shim named in `--runtime`.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { logsDir, repoRoot, toolsDir } from './config.js';
import { sh, step, timed } from './sh.js';
import { installed, markInstalled } from './tools.js';

export const shimRuntime = 'io.containerd.wasmtime.v1';
export const shimBinary = 'containerd-shim-wasmtime-v1';
const crateDir = path.join(repoRoot, 'testbed', 'runwasi-shim');
const root = path.join(toolsDir, 'runwasi-shim');
/** On the PATH of every containerd the testbed starts (testbed/docker.ts, testbed/containerd.ts). */
export const shimBinDir = path.join(root, 'bin');

/** A hash of the crate's sources and lock file: a changed crate is rebuilt, an unchanged one is kept. */
function crateHash(): string {
  const hash = createHash('sha256');
  const files = [
    'Cargo.toml',
    'Cargo.lock',
    ...readdirSync(path.join(crateDir, 'src')).map((f) => `src/${f}`),
  ];
  for (const f of files.sort())
    hash
      .update(`${f}\0`)
      .update(readFileSync(path.join(crateDir, f)))
      .update('\0');
  return hash.digest('hex');
}

/** Builds the shim unless this crate's build is already installed; returns the binary's path. */
export async function ensureRunwasiShim(): Promise<string> {
  const bin = path.join(shimBinDir, shimBinary);
  const want = crateHash();
  if (existsSync(bin) && installed(root, want)) return bin;
  const logFile = path.join(logsDir, 'install-runwasi-shim.log');
  step(`building ${shimBinary} from testbed/runwasi-shim (log: ${logFile}; a fresh build takes ~10 minutes)`);
  mkdirSync(root, { recursive: true });
  // A target directory of its own outside the checkout, removed afterwards as `cargo install` does with its own.
  const target = path.join(toolsDir, '.runwasi-shim-target');
  try {
    await timed(`built ${shimBinary}`, () =>
      sh('cargo', ['install', '--locked', '--force', '--path', crateDir, '--root', root], {
        env: { ...process.env, CARGO_TARGET_DIR: target },
        logFile,
      }),
    );
  } finally {
    rmSync(target, { recursive: true, force: true });
  }
  markInstalled(root, want);
  return bin;
}

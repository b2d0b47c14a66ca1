// What every benchmark group works with: the testbed, a buildkitd of the benchmark's own (an empty root,
// so pruning it disturbs no one and its log holds only these builds), and a scratch directory.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runProcess } from '../src/process.js';
import { startScratchBuildkitd, type ScratchBuilder } from '../test/support/buildkitd.js';
import { startGoProxy, type GoProxy } from '../test/support/goproxy.js';
import { repoRoot, type Testbed } from '../testbed/load.js';

export interface Bench {
  tb: Testbed;
  runs: number;
  /** The benchmark's buildkitd; groups that need a fresh one start their own. */
  daemon: ScratchBuilder;
  /** The testbed's environment with buildx pointed at the benchmark's builder. */
  env: NodeJS.ProcessEnv;
  /** The wasm frontend image (IMAGE_FRONTEND) and BuildKit's Dockerfile frontend image, both in the registry. */
  frontend: string;
  dockerfileFrontend: string;
  /** A Go module proxy on loopback serving examples/go's modules: Go builds never wait on the network. */
  goproxy: GoProxy;
  work: string;
  say(message: string): void;
}

export async function openBench(tb: Testbed, runs: number, dockerfileFrontend: string): Promise<Bench> {
  const frontend = tb.images.frontend;
  if (!frontend) throw new Error('.testbed/env names no IMAGE_FRONTEND: run `npm run testbed -- up`');
  const daemon = await startScratchBuildkitd(tb);
  const goproxy = await startGoProxy([path.join(repoRoot, 'examples', 'go')]);
  return {
    tb,
    runs,
    daemon,
    env: { ...tb.env, BUILDX_BUILDER: daemon.builder },
    frontend,
    dockerfileFrontend,
    goproxy,
    work: mkdtempSync(path.join(os.tmpdir(), 'wasm-build-bench-')),
    say: (m) => console.log(`bench: ${m}`),
  };
}

export async function closeBench(b: Bench): Promise<void> {
  await b.goproxy.close();
  await b.daemon.stop();
  rmSync(b.work, { recursive: true, force: true });
}

/** Runs a tool, throwing with its output's tail when it fails. */
async function must(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const r = await runProcess(cmd, args, { env });
  if (r.code !== 0) {
    const tail = (r.stderr || r.stdout).trim().split('\n').slice(-30).join('\n');
    throw new Error(`\`${cmd} ${args.join(' ')}\` exited with ${r.code}\n${tail}`);
  }
  return r.stdout;
}

/**
 * Empties the build cache but keeps what was pulled from registries (the toolchain and frontend images):
 * a cold build then compiles everything without timing the image downloads, which are measured on their
 * own (the frontend image's pull into a fresh buildkitd). Every record but `pulled from ...` goes.
 */
export async function pruneBuildCache(b: Bench, host = b.daemon.host): Promise<void> {
  await must('buildctl', ['--addr', host, 'prune', '--all', '--filter', 'description~=^([^p]|p[^u])'], b.env);
}

/** The daemon's log from `offset` on: the frontend's stderr lines land there (buildkitd runs with debug). */
export async function logSince(file: string, offset: number): Promise<string> {
  const size = statSync(file).size;
  if (size <= offset) return '';
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(size - offset);
    await fh.read(buf, 0, buf.length, offset);
    return buf.toString('utf8');
  } finally {
    await fh.close();
  }
}

// The images this project makes, run the way the people who pull them run them: runwasi's wasmtime shim
// (testbed/runwasi.ts, runtime io.containerd.wasmtime.v1) under `ctr` on Debian's containerd 1.6.20 and on
// containerd 2.x, and under `docker run --runtime=io.containerd.wasmtime.v1 --platform=wasi/wasm` through the
// Docker 29 line's dockerd with the containerd image store. For a core module (examples/cpp) and a component
// (examples/component-cpp), each image shape: T as the CLI pushes it (one manifest), T as `buildx build
// --push --provenance` pushes it (an index with an attestation manifest, as build-push-action makes it) and
// T-wasm (the CNCF artifact). Every run checks stdout, stderr and the exit code; the rows that fail assert
// the exact failure, and docs/runwasi.md says why.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath } from '../../src/process.js';
import { ensureContainerd2, stopContainerd2, type Containerd } from '../../testbed/containerd2.js';
import {
  ensureDebianContainerd,
  ensureDebianDocker,
  ensureDockerEngine,
  stopDockerEngines,
} from '../../testbed/docker.js';
import { ensureRunwasiShim, shimRuntime } from '../../testbed/runwasi.js';
import { wasmBuild } from '../support/cli.js';
import { run, type RunResult } from '../support/exec.js';
import { buildx, prepareExample } from '../support/frontend.js';
import { loadTestbed, repoRoot } from '../support/testbed.js';

const tb = loadTestbed();
const work = mkdtempSync(path.join(os.tmpdir(), 'runwasi-e2e-'));
const runId = Date.now().toString(36);
const testdata = path.join(repoRoot, 'examples', 'cpp', 'testdata');
const namespace = 'wasm-build-runwasi';

interface Kind {
  example: string;
  /** Where the image puts the module (its entrypoint); `ctr run` with arguments must name it. */
  entrypoint: string;
  /** `return 2` from main: a module's exit status; a component's wasi:cli/exit carries only err (1). */
  failure: number;
}
const kinds: Record<'module' | 'component', Kind> = {
  module: { example: 'cpp', entrypoint: '/wordcount.wasm', failure: 2 },
  component: { example: 'component-cpp', entrypoint: '/wordcount-component.wasm', failure: 1 },
};
type KindName = keyof typeof kinds;

/** T (the CLI's push), the index buildx pushes with provenance, and T-wasm, per kind. */
const refs = {} as Record<KindName, { image: string; index: string; artifact: string }>;

/** One run reads everything: argument, environment, a bind-mounted file, stderr and a non-zero exit. */
const guestArgs = ['/data/fox.txt', '/data/missing.txt'];
function expectGreetCountFail(r: RunResult, kind: Kind): void {
  expect(r.stdout).toBe('Howdy from C++\n/data/fox.txt: 9 words\n');
  expect(r.stderr).toContain('/data/missing.txt: cannot open\n');
  expect(r.code, r.stderr).toBe(kind.failure);
}

let debian: Containerd;
let containerd2: Containerd;
let docker: string;
let dockerHost: string;

beforeAll(async () => {
  await ensureRunwasiShim();
  for (const [name, kind] of Object.entries(kinds) as [KindName, Kind][]) {
    const repo = `${tb.registry}/runwasi/${kind.example}`;
    const pushed = await wasmBuild(
      tb,
      work,
      ['push', path.join(repoRoot, 'examples', kind.example), '-t', `${repo}:${runId}`, '-r', 'wasmtime'],
      kind.example,
    );
    expect(pushed.code, pushed.stderr.slice(-3000)).toBe(0);
    const index = `${repo}:${runId}-index`;
    const built = await buildx(tb, prepareExample(tb, kind.example), [
      '--platform=wasi/wasm',
      '--provenance=true',
      `--output=type=image,name=${index},push=true,registry.insecure=true`,
    ]);
    expect(built.code, built.stderr.slice(-3000)).toBe(0);
    refs[name] = { image: `${repo}:${runId}`, index, artifact: `${repo}:${runId}-wasm` };
  }
  debian = await ensureDebianContainerd();
  containerd2 = await ensureContainerd2();
  docker =
    findOnPath('docker', tb.env.PATH ?? '') ?? path.join(await ensureDebianDocker(), 'usr', 'bin', 'docker');
  // On a new machine this builds the shim (cargo, ~11-14 min on 2 cores) and containerd 2.x first.
}, 45 * 60_000);

afterAll(async () => {
  await stopDockerEngines(['moby']);
  await stopContainerd2();
});

let containerId = 0;

async function ctr(cd: Containerd, args: string[]): Promise<RunResult> {
  return run(cd.ctr, ['--address', cd.socket, '--namespace', namespace, ...args], {
    env: tb.env,
    timeoutMs: 120_000,
  });
}

async function ctrPull(cd: Containerd, ref: string): Promise<RunResult> {
  return ctr(cd, ['image', 'pull', '--plain-http', '--platform', 'wasi/wasm', ref]);
}

/** `ctr run` as runwasi documents it, the module named first, the cpp example's testdata at /data. */
async function ctrRun(cd: Containerd, ref: string, kind: Kind, platform = true): Promise<RunResult> {
  return ctr(cd, [
    'run',
    '--rm',
    '--runtime',
    shimRuntime,
    ...(platform ? ['--platform', 'wasi/wasm'] : []),
    '--env',
    'GREETING=Howdy',
    '--mount',
    `type=bind,src=${testdata},dst=/data,options=rbind:ro`,
    ref,
    `runwasi-${runId}-${containerId++}`,
    kind.entrypoint,
    ...guestArgs,
  ]);
}

describe.each([
  ['Debian containerd 1.6.20', () => debian],
  ['containerd 2.x (the Docker 29 line)', () => containerd2],
] as const)('ctr on %s', (label, containerd) => {
  describe.each(Object.keys(kinds) as KindName[])('%s', (name) => {
    const kind = kinds[name];

    it('T (one manifest): pulled with --platform wasi/wasm and run with arguments, environment, a bind mount', async () => {
      const cd = containerd();
      const pull = await ctrPull(cd, refs[name].image);
      expect(pull.code, pull.stderr).toBe(0);
      expectGreetCountFail(await ctrRun(cd, refs[name].image, kind), kind);
      // A single manifest needs no platform to run: ctr does not match it against linux/amd64.
      expectGreetCountFail(await ctrRun(cd, refs[name].image, kind, false), kind);
    });

    it('the index with an attestation manifest runs with --platform wasi/wasm, not without', async () => {
      const cd = containerd();
      const pull = await ctrPull(cd, refs[name].index);
      expect(pull.code, pull.stderr).toBe(0);
      expectGreetCountFail(await ctrRun(cd, refs[name].index, kind), kind);
      // Without it ctr looks for its own platform in the index: the failure users report with attestations.
      const bare = await ctrRun(cd, refs[name].index, kind, false);
      expect(bare.code).not.toBe(0);
      expect(bare.stderr).toContain('no match for platform in manifest');
    });

    it('T-wasm (the CNCF artifact) is refused by ctr: 1.6 at pull, 2.x at run', async () => {
      const cd = containerd();
      const pull = await ctrPull(cd, refs[name].artifact);
      if (label.startsWith('Debian')) {
        // 1.6.20 unpacks every layer as a tar against the config's rootfs, which the Wasm config has not.
        expect(pull.code).not.toBe(0);
        expect(pull.stderr).toContain('mismatched image rootfs and manifest layers');
        return;
      }
      // 2.x pulls it (unpacking skips the non-tar layer), but ctr builds the spec from an image config.
      expect(pull.code, pull.stderr).toBe(0);
      const r = await ctrRun(cd, refs[name].artifact, kind);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('unknown image config media type application/vnd.wasm.config.v0+json');
    });
  });
});

describe('docker run through the Docker 29 line (moby v2.0.0-beta.24, containerd image store)', () => {
  const env = () => ({ ...tb.env, DOCKER_HOST: dockerHost });

  /**
   * The seeds' command plus `--network=host`: with a new network namespace Docker 29 hangs on the pid the
   * shim reports at create (docs/runwasi.md).
   */
  async function dockerRun(ref: string): Promise<RunResult> {
    return run(
      docker,
      [
        'run',
        '--rm',
        '--network=host',
        `--runtime=${shimRuntime}`,
        '--platform=wasi/wasm',
        '-e',
        'GREETING=Howdy',
        '-v',
        `${testdata}:/data:ro`,
        ref,
        ...guestArgs,
      ],
      { env: env(), timeoutMs: 120_000 },
    );
  }

  it('with Docker 29 defaults the shim refuses the spec: its time namespace is one youki 0.6 cannot make', async () => {
    dockerHost = (await ensureDockerEngine('moby')).host;
    const r = await dockerRun(refs.module.image);
    expect(r.code).toBe(125);
    expect(r.stderr).toContain('failed to create shim task: invalid spec for new user namespace container');
  });

  describe('with daemon.json {"features": {"time-namespaces": false}}', () => {
    beforeAll(async () => {
      dockerHost = (await ensureDockerEngine('moby', { features: { 'time-namespaces': false } })).host;
    });

    it.each(Object.keys(kinds) as KindName[])('%s: T and the index with attestations run', async (name) => {
      expectGreetCountFail(await dockerRun(refs[name].image), kinds[name]);
      expectGreetCountFail(await dockerRun(refs[name].index), kinds[name]);
    });

    it.each(Object.keys(kinds) as KindName[])(
      '%s: T-wasm is refused: its config says wasip1/wasip2, not wasi',
      async (name) => {
        const r = await dockerRun(refs[name].artifact);
        expect(r.code).toBe(125);
        expect(r.stderr).toContain('does not provide the specified platform (wasi/wasm)');
      },
    );
  });
});

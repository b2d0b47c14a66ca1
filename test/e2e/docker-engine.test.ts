// The frontend through Docker Engine's embedded BuildKit, as most users build: `docker build -f wasm.toml`
// with the file's `# syntax=` line naming the testbed's frontend image in the local registry. Two engines,
// both run privately by the testbed (testbed/docker.ts) and stopped at the end:
// - Debian's dockerd 20.10 (BuildKit v0.8), the oldest engine that can be run here: the module comes out
//   with `--output type=local`; `--load` cannot work there (the legacy image store rejects `os: wasi`);
// - dockerd of the Docker 29 line (moby v2.0.0-beta.24, BuildKit v0.33, containerd image store):
//   `--load` stores the wasi/wasm image, and the module is taken from `docker save`'s OCI layout.
// Either way the module runs on wasmtime and prints what examples/hello-c's tests expect.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLayout } from '../../src/oci/layout.js';
import { extractModule, findWasmImage } from '../../src/wasm-image/index.js';
import { findOnPath } from '../../src/process.js';
import { ensureDebianDocker, ensureDockerEngine, stopDockerEngines } from '../../testbed/docker.js';
import { run } from '../support/exec.js';
import { loadTestbed, repoRoot, type Testbed } from '../support/testbed.js';

let tb: Testbed;
let context: string;
let docker: string;
const runId = Date.now().toString(36);

/** examples/hello-c with its `# syntax=` line pointing at the frontend in the testbed's registry. */
function helloC(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docker-hello-'));
  cpSync(path.join(repoRoot, 'examples', 'hello-c'), dir, { recursive: true });
  const file = path.join(dir, 'wasm.toml');
  const lines = readFileSync(file, 'utf8').split('\n');
  expect(lines[0]).toMatch(/^# syntax=/);
  lines[0] = `# syntax=${tb.images.frontend}`;
  writeFileSync(file, lines.join('\n'));
  return dir;
}

/** The docker CLI against one engine: buildx's `default` (docker driver) builder, not the testbed's. */
function dockerEnv(host: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...tb.env, DOCKER_HOST: host, DOCKER_BUILDKIT: '1' };
  delete env.BUILDX_BUILDER;
  return env;
}

async function dockerBuild(host: string, extra: string[]) {
  return run(
    docker,
    [
      'build',
      '--progress=plain',
      '-f',
      'wasm.toml',
      '--platform',
      'wasi/wasm',
      '--build-arg',
      `WASM_TOOLCHAIN_IMAGE_C=${tb.images.toolchain_c}`,
      ...extra,
      '.',
    ],
    { cwd: context, env: dockerEnv(host), timeoutMs: 600_000 },
  );
}

async function wasmtime(module: string, args: string[] = []): Promise<string> {
  const r = await run('wasmtime', ['run', module, ...args], { env: tb.env });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  tb = loadTestbed();
  context = helloC();
  // The machine's docker CLI (with the testbed's buildx plugin in DOCKER_CONFIG), else Debian's 20.10 CLI.
  docker =
    findOnPath('docker', tb.env.PATH ?? '') ?? path.join(await ensureDebianDocker(), 'usr', 'bin', 'docker');
});

afterAll(async () => {
  await stopDockerEngines();
});

describe('Docker Engine 20.10 (Debian docker.io, BuildKit v0.8)', () => {
  let host: string;
  beforeAll(async () => {
    host = (await ensureDockerEngine('debian')).host;
  });

  it('reports the engine the test is about', async () => {
    const v = await run(docker, ['version', '--format', '{{.Server.Version}}'], { env: dockerEnv(host) });
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout.trim()).toMatch(/^20\.10\./);
  });

  it('docker build -f wasm.toml resolves the frontend from # syntax= and outputs a module that runs', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'docker-out-'));
    const r = await dockerBuild(host, ['--output', `type=local,dest=${out}`]);
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    expect(r.stderr).toContain(tb.images.frontend!);
    expect(await wasmtime(path.join(out, 'hello.wasm'))).toBe('Hello, world!\n');
    expect(await wasmtime(path.join(out, 'hello.wasm'), ['Wasm'])).toBe('Hello, Wasm!\n');
  });

  it('--load is refused by the legacy image store (os: wasi), as documented', async () => {
    const r = await dockerBuild(host, ['--tag', `hello-c:${runId}`, '--load']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('operating system is not supported');
  });
});

describe('Docker Engine of the Docker 29 line (moby v2.0.0-beta.24, BuildKit v0.33)', () => {
  let host: string;
  beforeAll(async () => {
    host = (await ensureDockerEngine('moby')).host;
  });

  it('docker build --load stores the wasi/wasm image; the module from docker save runs on wasmtime', async () => {
    const tag = `hello-c:${runId}`;
    const r = await dockerBuild(host, ['--tag', tag, '--load']);
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    const env = dockerEnv(host);
    const inspect = await run(docker, ['image', 'inspect', tag, '--format', '{{.Os}}/{{.Architecture}}'], {
      env,
    });
    expect(inspect.stdout.trim()).toBe('wasi/wasm');
    const tar = path.join(mkdtempSync(path.join(os.tmpdir(), 'docker-save-')), 'image.tar');
    const save = await run(docker, ['save', tag, '--output', tar], { env });
    expect(save.code, save.stderr).toBe(0);
    const layout = await openLayout(tar);
    const module = await extractModule(layout, await findWasmImage(layout));
    expect(module.path).toBe('hello.wasm');
    const file = path.join(path.dirname(tar), 'hello.wasm');
    writeFileSync(file, module.bytes);
    expect(await wasmtime(file)).toBe('Hello, world!\n');
  });
});

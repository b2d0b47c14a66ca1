// The testbed end to end, with the pattern wasm-build replaces: a hand-written multi-stage Dockerfile built
// by BuildKit's built-in Dockerfile frontend for wasi/wasm, pushed, read back by crane and run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTestbed, repoRoot } from '../support/testbed.js';
import { run } from '../support/exec.js';
import { runtimeAt } from '../../src/runtimes/index.js';

const tb = loadTestbed();
const ref = `${tb.registry}/smoke/hello-c:latest`;
const work = mkdtempSync(path.join(os.tmpdir(), 'smoke-'));
const modulePath = path.join(work, 'hello.wasm');

describe('smoke: multi-stage Dockerfile -> wasi/wasm image -> registry -> runtimes', () => {
  beforeAll(async () => {
    const build = await run(
      'buildx',
      [
        'build',
        '--progress=plain',
        '--platform=wasi/wasm',
        '--provenance=false',
        `--build-arg=TOOLCHAIN=${tb.images.toolchain_c}`,
        `--tag=${ref}`,
        '--output=type=image,push=true,registry.insecure=true',
        path.join(repoRoot, 'examples', 'hello-c'),
      ],
      { env: tb.env },
    );
    expect(build.code, build.stderr).toBe(0);
  });

  it('pushes a single wasi/wasm manifest with the module as entrypoint', async () => {
    const manifest = await run('crane', ['manifest', '--insecure', ref], { env: tb.env });
    expect(manifest.code, manifest.stderr).toBe(0);
    const m = JSON.parse(manifest.stdout) as { mediaType: string; layers: unknown[] };
    expect(m.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(m.layers).toHaveLength(1);
    const config = await run('crane', ['config', '--insecure', ref], { env: tb.env });
    const c = JSON.parse(config.stdout) as {
      os: string;
      architecture: string;
      config: { Entrypoint: string[] };
    };
    expect([c.os, c.architecture]).toEqual(['wasi', 'wasm']);
    expect(c.config.Entrypoint).toEqual(['/hello.wasm']);
  });

  it('runs the pulled-back module on wasmtime and node:wasi with argv and env', async () => {
    const exported = await run(
      'sh',
      ['-c', `crane export --insecure "$0" - | tar -x -C "$1" hello.wasm`, ref, work],
      {
        env: tb.env,
      },
    );
    expect(exported.code, exported.stderr).toBe(0);
    for (const runtime of [runtimeAt('wasmtime', undefined, tb.env), runtimeAt('node')]) {
      const res = await runtime.run({
        module: modulePath,
        args: ['Wasm'],
        env: { GREETING: 'Howdy' },
        dirs: [],
      });
      expect(res.stderr, runtime.name).toBe('');
      expect(res.stdout, runtime.name).toBe('Howdy, Wasm!\n');
      expect(res.exitCode, runtime.name).toBe(0);
    }
  });

  it('fails a run whose module is not a Wasm binary (the runtimes really check)', async () => {
    const bogus = path.join(work, 'bogus.wasm');
    writeFileSync(bogus, 'not wasm');
    for (const runtime of [runtimeAt('wasmtime', undefined, tb.env), runtimeAt('node')]) {
      const res = await runtime.run({ module: bogus, args: [], env: {}, dirs: [] });
      expect(res.exitCode, runtime.name).not.toBe(0);
    }
  });
});

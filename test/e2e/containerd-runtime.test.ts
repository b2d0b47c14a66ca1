// The `containerd-wasmtime` runtime: every [[module.test]] run as a container by a real containerd with the
// testbed's runwasi wasmtime shim, on the image just built (imported from its OCI layout, nothing pushed
// first). Through the adapter (exit codes, a trap, a timeout that leaves nothing behind), and through the CLI:
// every example it can run passes on Debian's containerd 1.6, a core module and a component on 2.x too; a
// failing case fails the run at its line and pushes nothing; a passing push tags T-containerd-wasmtime.
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTAINERD_NAMESPACE } from '../../src/runtimes/containerd.js';
import { runtimeAt, type LoadedModule, type Runtime } from '../../src/runtimes/index.js';
import { hostPlatform } from '../../src/runtimes/release.js';
import { runwasiWasmtimeRelease, SHIM_PROGRAM } from '../../src/runtimes/runwasi.js';
import { openWasmImage } from '../../src/wasm-image/index.js';
import { ensureContainerd2, stopContainerd2, type Containerd } from '../../testbed/containerd2.js';
import { ensureDebianContainerd } from '../../testbed/docker.js';
import { ensureRunwasiShim, shimBinDir } from '../../testbed/runwasi.js';
import { wasmBuild } from '../support/cli.js';
import { run, runOk } from '../support/exec.js';
import { loadTestbed, repoRoot } from '../support/testbed.js';

const tb = loadTestbed();
const work = mkdtempSync(path.join(os.tmpdir(), 'containerd-runtime-e2e-'));
const runId = Date.now().toString(36);

let debian: Containerd;
let containerd2: Containerd;

/** The CLI's environment for one containerd: its socket, its ctr, and (unless not) the shim on PATH. */
function envFor(cd: Containerd, shimOnPath = true): NodeJS.ProcessEnv {
  const bin = mkdtempSync(path.join(work, 'bin-'));
  symlinkSync(cd.ctr, path.join(bin, 'ctr'));
  const dirs = shimOnPath ? [shimBinDir, bin] : [bin];
  return { PATH: [...dirs, tb.env.PATH].join(':'), CONTAINERD_ADDRESS: cd.socket };
}

/** What the runtime left in its namespace: nothing, once a run has ended. */
async function leftovers(cd: Containerd): Promise<string> {
  const ctr = (args: string[]) =>
    runOk(cd.ctr, ['--address', cd.socket, '--namespace', CONTAINERD_NAMESPACE, ...args], { env: tb.env });
  return (await ctr(['images', 'ls', '-q'])) + (await ctr(['containers', 'ls', '-q']));
}

beforeAll(async () => {
  await ensureRunwasiShim();
  debian = await ensureDebianContainerd();
  containerd2 = await ensureContainerd2();
  // On a new machine this builds the shim (cargo, ~11-14 min on 2 cores) and containerd 2.x first.
}, 45 * 60_000);

afterAll(async () => {
  await stopContainerd2();
});

describe('the adapter on Debian containerd 1.6', () => {
  let runtime: Runtime;
  const loaded = {} as Record<'exit3' | 'trap' | 'endless', LoadedModule>;
  const noInputs = { args: [], env: {}, dirs: [], timeoutMs: 60_000 };

  /** An image of hand-written modules, built from a Dockerfile by the testbed's buildx into a layout. */
  beforeAll(async () => {
    const src = path.join(work, 'wat');
    mkdirSync(src);
    const modules = {
      exit3: '(call $proc_exit (i32.const 3))',
      trap: 'unreachable',
      endless: '(loop $forever (br $forever))',
    };
    for (const [name, body] of Object.entries(modules)) {
      writeFileSync(
        path.join(src, `${name}.wat`),
        `(module (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
          (memory (export "memory") 1) (func (export "_start") ${body}))`,
      );
      await runOk(
        'wasm-tools',
        ['parse', path.join(src, `${name}.wat`), '-o', path.join(src, `${name}.wasm`)],
        {
          env: tb.env,
        },
      );
    }
    writeFileSync(path.join(src, 'Dockerfile'), 'FROM scratch\nCOPY *.wasm /\n');
    const layout = path.join(work, 'layout');
    await runOk(
      'buildx',
      [
        'build',
        '--platform=wasi/wasm',
        '--provenance=false',
        `--output=type=oci,tar=false,dest=${layout}`,
        src,
      ],
      { env: tb.env },
    );
    const image = await openWasmImage(layout, { modules: [] });
    const manifest = image.descriptor;
    await image.close();
    runtime = runtimeAt('containerd-wasmtime', undefined, { ...tb.env, ...envFor(debian) });
    const load = (name: string) =>
      runtime.load({
        module: path.join(src, `${name}.wasm`),
        digest: 'sha256:unused',
        cacheDir: work,
        image: { layout, manifest, path: `/${name}.wasm` },
      });
    // Three modules of one image, loaded at once: it is imported once, removed when the last one closes.
    [loaded.exit3, loaded.trap, loaded.endless] = await Promise.all([
      load('exit3'),
      load('trap'),
      load('endless'),
    ]);
  }, 5 * 60_000);

  it('reports the shim’s version', async () => {
    expect(await runtime.version()).toBe('0.1.0');
  });

  it('gives the guest’s exit code, and a trap as the shim’s 137', async () => {
    expect((await loaded.exit3.run(noInputs)).exitCode).toBe(3);
    expect((await loaded.trap.run(noInputs)).exitCode).toBe(137);
  });

  it('ends a case past its time limit, and kills and removes its container', async () => {
    const r = await loaded.endless.run({ ...noInputs, timeoutMs: 3000 });
    expect(r.timedOut).toBe(true);
    expect((await loaded.exit3.run(noInputs)).exitCode).toBe(3);
    await Promise.all(Object.values(loaded).map((m) => m.close()));
    expect(await leftovers(debian)).toBe('');
  }, 120_000);

  it('has no one-shot run: a module file is not an image', () => {
    expect(() => runtime.run({ module: 'x.wasm', ...noInputs })).toThrow(
      'containerd-wasmtime runs a module from its image inside containerd',
    );
  });
});

/** The examples the testbed can build (tinygo's toolchain is not reachable here: examples.test.ts). */
const examples = readdirSync(path.join(repoRoot, 'examples')).filter((e) => e !== 'tinygo');

describe('wasm-build test -r containerd-wasmtime on Debian containerd 1.6', () => {
  it.each(examples)(
    '%s passes every case it can run',
    async (name) => {
      const res = await wasmBuild(
        tb,
        work,
        ['test', path.join(repoRoot, 'examples', name), '-r', 'containerd-wasmtime'],
        `test-${name}`,
        [],
        envFor(debian),
      );
      expect(res.code, res.stderr.slice(-3000)).toBe(0);
      const report = res.report();
      const ran = report.tests.filter((t) => !t.skipped);
      // An HTTP handler's cases all send requests, which the shim does not serve.
      if (!name.startsWith('http-')) expect(ran.length, 'cases that ran').toBeGreaterThan(0);
      expect(ran.every((t) => t.passed && t.runtime === 'containerd-wasmtime')).toBe(true);
      // Only cases that give stdin or send a request are left out, with the reason (docs/runwasi.md).
      for (const t of report.tests.filter((t) => t.skipped)) {
        expect(t.skipped).toMatch(/gives stdin|containerd-wasmtime does not serve HTTP components/);
      }
      expect(await leftovers(debian)).toBe('');
    },
    10 * 60_000,
  );
});

describe('wasm-build push -r containerd-wasmtime', () => {
  it.each([
    ['Debian containerd 1.6', 'cpp', () => debian],
    ['containerd 2.x', 'component-cpp', () => containerd2],
  ])(
    'on %s: %s passes and gets T-containerd-wasmtime',
    async (_label, name, containerd) => {
      const ref = `${tb.registry}/containerd-runtime/${name}-${runId}:v1`;
      const res = await wasmBuild(
        tb,
        work,
        ['push', path.join(repoRoot, 'examples', name), '-t', ref, '-r', 'containerd-wasmtime'],
        `push-${name}`,
        [],
        envFor(containerd()),
      );
      expect(res.code, res.stderr.slice(-3000)).toBe(0);
      const tags = await runOk('crane', ['ls', '--insecure', ref.replace(/:[^:]+$/, '')], { env: tb.env });
      expect(tags.trim().split('\n').sort()).toEqual(['v1', 'v1-containerd-wasmtime', 'v1-wasm']);
      expect(await leftovers(containerd())).toBe('');
    },
    10 * 60_000,
  );

  it(
    'a failing case fails the run at its line and pushes nothing',
    async () => {
      const dir = path.join(work, 'broken-cpp');
      cpSync(path.join(repoRoot, 'examples', 'cpp'), dir, { recursive: true });
      const file = path.join(dir, 'wasm.toml');
      const toml = readFileSync(file, 'utf8').replace(
        'expect.stdout = "Howdy from C++\\n"',
        'expect.stdout = "Hi\\n"',
      );
      writeFileSync(file, toml);
      // The case's [[module.test]] header, 1-based: the line before its name.
      const line = toml.split('\n').indexOf('name = "greets with GREETING"');
      const repo = `${tb.registry}/containerd-runtime/broken-${runId}`;
      const res = await wasmBuild(
        tb,
        work,
        ['push', dir, '-t', `${repo}:v1`, '-r', 'containerd-wasmtime'],
        'push-broken',
        [],
        envFor(debian),
      );
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain(
        `wasm.toml:${line}:1: error: test failed: wordcount / greets with GREETING`,
      );
      expect(res.stderr).toContain('1 of 3 test runs failed: nothing was pushed');
      const listed = await run('crane', ['ls', '--insecure', repo], { env: tb.env });
      expect(listed.stdout.trim()).toBe('');
      expect(await leftovers(debian)).toBe('');
    },
    10 * 60_000,
  );
});

describe('the shim from a release archive, as a GitHub runner gets it', () => {
  it(
    'is downloaded into an empty tool cache and run by containerd from there',
    async () => {
      // runwasi's archive shape (the shim at the root, its Sigstore signature beside it), holding the
      // testbed's shim, served under GitHub's path by a mirror on loopback: GitHub is out of reach here.
      const src = path.join(work, 'release');
      mkdirSync(src);
      copyFileSync(path.join(shimBinDir, SHIM_PROGRAM), path.join(src, SHIM_PROGRAM));
      for (const f of [`${SHIM_PROGRAM}.sig`, `${SHIM_PROGRAM}.pem`])
        writeFileSync(path.join(src, f), 'unused\n');
      const archive = path.join(work, 'release.tar.gz');
      await runOk('tar', [
        '-czf',
        archive,
        '-C',
        src,
        SHIM_PROGRAM,
        `${SHIM_PROGRAM}.sig`,
        `${SHIM_PROGRAM}.pem`,
      ]);
      // The testbed's shim says 0.1.0 (its crate's version): the pin must match what the binary reports.
      const served = runwasiWasmtimeRelease.archive('0.1.0', hostPlatform()).path;
      const server = createServer((req, res) => {
        if (req.url === served) res.writeHead(200).end(readFileSync(archive));
        else res.writeHead(404).end();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const cache = path.join(work, 'empty-tool-cache');
        const res = await wasmBuild(
          tb,
          work,
          [
            'test',
            path.join(repoRoot, 'examples', 'cpp'),
            '-r',
            'containerd-wasmtime@0.1.0',
            '--runtime-mirror',
            mirror,
          ],
          'from-release',
          [],
          { ...envFor(debian, false), RUNNER_TOOL_CACHE: cache, RUNNER_TEMP: path.join(work, 'runner-temp') },
        );
        expect(res.code, res.stderr.slice(-3000)).toBe(0);
        expect(res.stderr).toContain(`downloading ${mirror}${served}`);
        const report = res.report();
        expect(report.runtimes).toMatchObject([
          { name: 'containerd-wasmtime', version: '0.1.0', source: 'download' },
        ]);
        expect(report.tests.every((t) => t.passed)).toBe(true);
      } finally {
        await new Promise<void>((r) => server.close(() => r()));
      }
    },
    5 * 60_000,
  );
});

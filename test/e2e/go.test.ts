// Go through the frontend on the testbed, its modules from a proxy on loopback (--build-arg GOPROXY) so
// the test sees every fetch: a source-only change rebuilds without fetching modules again (the
// `go mod download` step stays CACHED and the proxy sees no request), a go.mod change fetches again, and the TinyGo example's program and tests hold when standard Go builds it (TinyGo itself is not
// available here; test/unit/frontend/tinygo.test.ts pins its LLB).
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestbed, repoRoot } from '../support/testbed.js';
import { buildx, prepareExample } from '../support/frontend.js';
import { startGoProxy, type GoProxy } from '../support/goproxy.js';
import { run } from '../support/exec.js';
import { parseWasmToml } from '../../src/wasm-toml/index.js';
import { runTest, testAppliesTo } from '../../src/testrun/index.js';
import { runtimeAt } from '../../src/runtimes/index.js';

const tb = loadTestbed();

let goProxy: GoProxy;
beforeAll(async () => {
  goProxy = await startGoProxy([path.join(repoRoot, 'examples', 'go')]);
});
afterAll(() => goProxy?.close());

/** A word no earlier run used: every edit below must be new to the daemon's cache to make a step run. */
const fresh = (prefix: string) => `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}`;

/** How a named step ended in `--progress=plain` output: CACHED, DONE (it ran) or ERROR. */
function stepStatus(log: string, name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ids = [...log.matchAll(new RegExp(`^#(\\d+) ${escaped}$`, 'gm'))].map((m) => m[1]);
  expect(ids.length, `no step "${name}" in:\n${log}`).toBeGreaterThan(0);
  const endings = ids.flatMap((id) =>
    [...log.matchAll(new RegExp(`^#${id} (CACHED|DONE|ERROR)\\b`, 'gm'))].map((m) => m[1]!),
  );
  return endings.at(-1) ?? 'unfinished';
}

async function build(dir: string): Promise<{ log: string; module: string }> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'go-out-'));
  const res = await buildx(tb, dir, [
    '--platform=wasi/wasm',
    `--output=type=local,dest=${out}`,
    ...goProxy.buildArgs,
  ]);
  expect(res.code, res.stderr.split('\n').slice(-40).join('\n')).toBe(0);
  return { log: res.stderr, module: out };
}

describe('Go dependency caching', () => {
  it('keeps `go mod download` CACHED across a source-only change, and reruns it when go.mod changes', async () => {
    const dir = prepareExample(tb, 'go');
    await build(dir);

    // A source change: the build step runs again with it, the download step does not, nothing is fetched.
    const main = path.join(dir, 'cmd', 'greet', 'main.go');
    const hi = fresh('Hi');
    writeFileSync(main, readFileSync(main, 'utf8').replace('greeting = "Hello"', `greeting = "${hi}"`));
    const fetchedBefore = goProxy.requests.length;
    const edited = await build(dir);
    expect(stepStatus(edited.log, '[greet] go mod download')).toBe('CACHED');
    expect(stepStatus(edited.log, '[greet] go build ./cmd/greet')).toBe('DONE');
    expect(goProxy.requests.slice(fetchedBefore)).toEqual([]);
    const ran = await runtimeAt('wasmtime', undefined, tb.env).run({
      module: path.join(edited.module, 'greet.wasm'),
      args: ['ada lovelace'],
      env: {},
      dirs: [],
    });
    expect(ran.stdout).toBe(`${hi}, Ada Lovelace!\n`);

    // A go.mod change is a new dependency set: the download step runs and fetches from GOPROXY.
    appendFileSync(path.join(dir, 'go.mod'), `\n// ${fresh('edited by the e2e test ')}\n`);
    const fetchedBeforeMod = goProxy.requests.length;
    const modEdited = await build(dir);
    expect(stepStatus(modEdited.log, '[greet] go mod download')).toBe('DONE');
    expect(goProxy.requests.slice(fetchedBeforeMod)).toContain('/golang.org/x/text/@v/v0.21.0.zip');
  });
});

describe('the TinyGo example, built by standard Go', () => {
  it('passes its own tests on every runtime (the program and expectations, not the TinyGo compiler)', async () => {
    const dir = prepareExample(tb, 'tinygo');
    const file = path.join(dir, 'wasm.toml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('language = "tinygo"', 'language = "go"')
        .replace('[module.tinygo]', '[module.go]'),
    );
    const parsed = parseWasmToml(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
    const { module } = await build(dir);
    const spec = parsed.spec.module[0]!;
    for (const runtime of [runtimeAt('wasmtime', undefined, tb.env), runtimeAt('node')]) {
      for (const test of spec.test.filter((t) => testAppliesTo(t, runtime.name))) {
        const outcome = await runTest(runtime, path.join(module, `${spec.name}.wasm`), test, {
          contextDir: dir,
        });
        expect(outcome.problems, `${test.name} on ${runtime.name}: ${outcome.stderr}`).toEqual([]);
      }
    }
  });
});

const GO_CACHE_MOUNT = 'type==exec.cachemount,description~=wasm-build/go-build-cache';

describe('the module cache is an output, not a cache mount', () => {
  it('builds offline from a CACHED download step after the Go cache mount is pruned', async () => {
    const dir = prepareExample(tb, 'go');
    await build(dir);
    // Only this driver's cache mount: the daemon is shared with other builds.
    const pruned = await run('buildctl', ['prune', '--filter', GO_CACHE_MOUNT], { env: tb.env });
    expect(pruned.code, pruned.stderr).toBe(0);
    const left = await run('buildctl', ['du', '--verbose', '--filter', GO_CACHE_MOUNT], { env: tb.env });
    expect(left.stdout).not.toMatch(/^Description:/m);
    const main = path.join(dir, 'cmd', 'greet', 'main.go');
    const hey = fresh('Hey');
    writeFileSync(main, readFileSync(main, 'utf8').replace('greeting = "Hello"', `greeting = "${hey}"`));
    const again = await build(dir);
    expect(stepStatus(again.log, '[greet] go mod download')).toBe('CACHED');
    expect(stepStatus(again.log, '[greet] go build ./cmd/greet')).toBe('DONE');
    const ran = await runtimeAt('node').run({
      module: path.join(again.module, 'greet.wasm'),
      args: [],
      env: {},
      dirs: [],
    });
    expect(ran.stdout).toBe(`${hey}, World!\n`);
  });
});

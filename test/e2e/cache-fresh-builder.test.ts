// A build cache that survives a fresh builder, as on a CI runner that restores BuildKit's cache from
// `type=registry` (or `type=gha`): build on the testbed's buildkitd (A) with `--cache-to`, then on a second
// buildkitd with an empty root (B) with `--cache-from`. On B the dependency steps (cargo fetch, go mod
// download, npm ci) must be restored, never run, and the offline compile must find what they fetched;
// then a one-line source edit on B recompiles the module with the dependency steps still restored.
// That is the hole a cache mount leaves: BuildKit exports a step's outputs, not what a cache mount holds.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestbed } from '../support/testbed.js';
import { buildx, prepareExample } from '../support/frontend.js';
import { startScratchBuildkitd, type ScratchBuilder } from '../support/buildkitd.js';
import { startGoProxy, type GoProxy } from '../support/goproxy.js';
import { stepLines, stepOutcome } from '../support/progress.js';
import { parseWasmToml } from '../../src/wasm-toml/index.js';
import { runTest, testAppliesTo } from '../../src/testrun/index.js';
import { runtimeAt } from '../../src/runtimes/index.js';
import { repoRoot } from '../support/testbed.js';

const tb = loadTestbed();
const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;

let scratch: ScratchBuilder;
let goProxy: GoProxy;
let goProxyOpen = false;
const closeGoProxy = async () => {
  if (goProxyOpen) await goProxy.close();
  goProxyOpen = false;
};
beforeAll(async () => {
  scratch = await startScratchBuildkitd(tb);
  goProxy = await startGoProxy([path.join(repoRoot, 'examples', 'go')]);
  goProxyOpen = true;
}, 120_000);
afterAll(async () => {
  await closeGoProxy();
  await scratch?.stop();
});

interface Case {
  example: string;
  module: string;
  /** The dependency steps: restored on B, never run there. */
  deps: RegExp[];
  /** The offline compile step. */
  compile: RegExp;
  /** A one-line source edit bringing in `word`, and what the edited module then prints. */
  edit: { file: string; from: string; to: (word: string) => string };
  check: { args: string[]; dirs?: Record<string, string>; stdout: (word: string) => string };
  buildArgs?: () => string[];
}

const cases: Case[] = [
  {
    example: 'rust-crates',
    module: 'rust-crates',
    deps: [/^\[rust-crates\] cargo fetch /],
    compile: /^\[rust-crates\] cargo build /,
    edit: { file: 'src/main.rs', from: 'println!("total: {}"', to: (w) => `println!("${w}: {}"` },
    check: { args: [], stdout: (w) => `${w}: 0\n` },
  },
  {
    example: 'go',
    module: 'greet',
    deps: [/^\[greet\] go mod download$/],
    compile: /^\[greet\] go build /,
    edit: { file: 'cmd/greet/main.go', from: 'greeting = "Hello"', to: (w) => `greeting = "${w}"` },
    check: { args: [], stdout: (w) => `${w}, World!\n` },
    // Modules from a proxy on loopback, closed before B builds: B could not fetch them if it tried.
    buildArgs: () => goProxy.buildArgs,
  },
  {
    example: 'assemblyscript',
    module: 'wc',
    deps: [/^\[wc\] npm ci$/],
    compile: /^\[wc\] asc /,
    edit: { file: 'assembly/index.ts', from: '} total\\n`', to: (w) => `} ${w}\\n\`` },
    check: {
      args: ['/data/poem.txt', '/data/short.txt'],
      dirs: { testdata: '/data' },
      stdout: (w) =>
        `      3       9      45 /data/poem.txt\n      1       3      14 /data/short.txt\n      4      12      59 ${w}\n`,
    },
  },
];

async function build(dir: string, c: Case, args: string[]): Promise<{ log: string; out: string }> {
  const out = mkdtempSync(path.join(os.tmpdir(), `${c.example}-out-`));
  const res = await buildx(tb, dir, [
    '--platform=wasi/wasm',
    `--output=type=local,dest=${out}`,
    ...(c.buildArgs?.() ?? []),
    ...args,
  ]);
  expect(res.code, res.stderr.split('\n').slice(-60).join('\n')).toBe(0);
  return { log: res.stderr, out };
}

async function passesItsTests(dir: string, out: string): Promise<void> {
  const parsed = parseWasmToml(readFileSync(path.join(dir, 'wasm.toml'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  const spec = parsed.spec.module[0]!;
  const wasmtime = runtimeAt('wasmtime', undefined, tb.env);
  for (const test of spec.test.filter((t) => testAppliesTo(t, 'wasmtime'))) {
    const outcome = await runTest(wasmtime, path.join(out, `${spec.name}.wasm`), test, { contextDir: dir });
    expect(outcome.problems, `${test.name}: ${outcome.stderr}`).toEqual([]);
  }
}

describe.each(cases)('$example: a cache exported from one builder, imported on a fresh one', (c) => {
  it('restores the dependency steps, compiles offline, and recompiles only the module after an edit', async () => {
    const dir = prepareExample(tb, c.example);
    const ref = `${tb.registry}/cache/${c.example}:${runId}`;

    // A: the testbed's daemon, exporting every step's result.
    await build(dir, c, [`--cache-to=type=registry,ref=${ref},mode=max`]);
    if (c.example === 'go') await closeGoProxy();

    // B: an empty daemon; the same source, with the cache imported.
    const onB = [`--builder=${scratch.builder}`, `--cache-from=type=registry,ref=${ref}`];
    const same = await build(dir, c, onB);
    const lines = (log: string) =>
      log
        .split('\n')
        .filter((l) => /^#\d+ /.test(l))
        .join('\n');
    for (const step of [...c.deps, c.compile]) {
      expect(['cached', 'imported'], `${String(step)} on B:\n${lines(same.log)}`).toContain(
        stepOutcome(same.log, step),
      );
    }
    await passesItsTests(dir, same.out);

    // B again, after a one-line edit: the compile runs (offline: its step has network none) on the
    // dependencies restored from the cache; the dependency steps do not run.
    const file = path.join(dir, c.edit.file);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(c.edit.from);
    const word = `E${runId}`;
    writeFileSync(file, text.replace(c.edit.from, c.edit.to(word)));
    const edited = await build(dir, c, onB);
    for (const step of c.deps) {
      expect(['cached', 'imported'], `${String(step)} after the edit:\n${lines(edited.log)}`).toContain(
        stepOutcome(edited.log, step),
      );
    }
    expect(stepOutcome(edited.log, c.compile)).toBe('ran');
    if (c.example === 'rust-crates') {
      // cargo --frozen found itoa where the restored fetch step left it.
      expect(stepLines(edited.log, c.compile).join('\n')).toMatch(/Compiling itoa v1\.0\.11/);
    }
    const ran = await runtimeAt('wasmtime', undefined, tb.env).run({
      module: path.join(edited.out, `${c.module}.wasm`),
      args: c.check.args,
      env: {},
      dirs: Object.entries(c.check.dirs ?? {}).map(([host, guest]) => ({
        host: path.join(dir, host),
        guest,
      })),
    });
    expect(ran.stdout).toBe(c.check.stdout(word));
  }, 600_000);
});

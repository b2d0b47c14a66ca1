// The Rust driver inside a real BuildKit: which steps a change re-runs, and what it refuses.
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTestbed } from '../support/testbed.js';
import { buildx, prepareExample } from '../support/frontend.js';
import { runtimeAt } from '../../src/runtimes/index.js';
import { inspectHeader } from '../../src/primitives/wasm-preamble.js';

const tb = loadTestbed();

/** `CACHED` or `DONE` for the vertex whose name matches, from buildx --progress=plain output. */
function stepStatus(log: string, name: RegExp): 'CACHED' | 'DONE' | 'ERROR' {
  const named = [...log.matchAll(/^(#\d+) (.*)$/gm)].filter(([, , rest]) => name.test(rest!));
  expect(named.length, `no step matches ${name}`).toBeGreaterThan(0);
  const id = named[0]![1]!;
  const status = new RegExp(`^${id} (CACHED|DONE|ERROR)`, 'm').exec(log);
  expect(status, `${id} has no status`).not.toBeNull();
  return status![1] as 'CACHED' | 'DONE' | 'ERROR';
}

/** The lines cargo printed inside the build step. */
function cargoOutput(log: string): string[] {
  return [...log.matchAll(/^#\d+ [\d.]+\s+(Compiling .*|Finished .*)$/gm)].map((m) => m[1]!);
}

async function build(dir: string): Promise<{ log: string; module: string }> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'rust-out-'));
  const res = await buildx(tb, dir, ['--platform=wasi/wasm', `--output=type=local,dest=${out}`]);
  expect(res.code, res.stderr.split('\n').slice(-40).join('\n')).toBe(0);
  return { log: res.stderr, module: path.join(out, 'hello-rust.wasm') };
}

async function greet(module: string): Promise<string> {
  const ran = await runtimeAt('wasmtime', undefined, tb.env).run({ module, args: [], env: {}, dirs: [] });
  return ran.stdout;
}

/** A greeting no earlier build has seen: BuildKit would otherwise find the whole build in its cache. */
const fresh = (what: string) => `${what} ${process.pid}.${Date.now()}`;

function setGreeting(dir: string, greeting: string, mtime?: Date): void {
  const main = path.join(dir, 'src', 'main.rs');
  const text = readFileSync(main, 'utf8').replace(
    /unwrap_or_else\(\|_\| "[^"]*"/,
    `unwrap_or_else(|_| ${JSON.stringify(greeting)}`,
  );
  writeFileSync(main, text);
  if (mtime) utimesSync(main, mtime, mtime);
}

describe('Rust: incremental rebuilds', () => {
  it('a source-only change keeps the dependency steps CACHED and reuses the compiled dependencies', async () => {
    const dir = prepareExample(tb, 'rust');
    // A first build that really runs cargo on this copy, so the target cache holds its files.
    setGreeting(dir, fresh('First'));
    await build(dir);

    const greeting = fresh('Hi');
    setGreeting(dir, greeting);
    const again = await build(dir);
    for (const step of [
      /\[hello-rust\] Cargo manifests/,
      /\[hello-rust\] cargo metadata$/,
      /\[hello-rust\] cargo fetch /,
    ]) {
      expect(stepStatus(again.log, step), String(step)).toBe('CACHED');
    }
    expect(stepStatus(again.log, /\[hello-rust\] cargo build /)).toBe('DONE');
    // Only the changed crate is compiled: its path dependency comes from the target cache.
    expect(cargoOutput(again.log).filter((l) => l.startsWith('Compiling'))).toEqual([
      expect.stringMatching(/^Compiling hello-rust v0\.1\.0/),
    ]);
    expect(await greet(again.module)).toBe(`${greeting}, world!\n`);
  });

  it('a second checkout whose files are older than the last build still gets its own module', async () => {
    // Both copies share the module name, so the target cache; cargo alone would judge B's older
    // main.rs up to date and hand out A's module.
    const a = prepareExample(tb, 'rust');
    const b = prepareExample(tb, 'rust');
    const [greetingA, greetingB] = [fresh('From checkout A'), fresh('From B')];
    setGreeting(b, greetingB, new Date('2020-01-01T00:00:00Z'));
    setGreeting(a, greetingA);
    expect(await greet((await build(a)).module)).toBe(`${greetingA}, world!\n`);
    expect(await greet((await build(b)).module)).toBe(`${greetingB}, world!\n`);
  });

  it('a Cargo.toml change runs the fetch again', async () => {
    const dir = prepareExample(tb, 'rust');
    await build(dir);
    const manifest = path.join(dir, 'Cargo.toml');
    writeFileSync(
      manifest,
      readFileSync(manifest, 'utf8').replace(
        'publish = false',
        `publish = false\ndescription = "${fresh('changed')}"`,
      ),
    );
    const again = await build(dir);
    expect(stepStatus(again.log, /\[hello-rust\] cargo fetch /)).toBe('DONE');
    expect(await greet(again.module)).toBe('Hello, world!\n');
  });
});

describe('Rust: what the fetch step decides', () => {
  it('without a Cargo.lock, builds with the one cargo fetch resolved', async () => {
    const dir = prepareExample(tb, 'rust');
    rmSync(path.join(dir, 'Cargo.lock'));
    const res = await build(dir);
    expect(stepStatus(res.log, /\[hello-rust\] add the Cargo\.lock cargo fetch resolved/)).toMatch(
      /CACHED|DONE/,
    );
    expect(await greet(res.module)).toBe('Hello, world!\n');
  });

  it('builds wasip2 on a toolchain that predates wasm32-wasip2 as a wasip1 module made a component', async () => {
    const dir = prepareExample(tb, 'rust');
    const toml = path.join(dir, 'wasm.toml');
    writeFileSync(
      toml,
      readFileSync(toml, 'utf8').replace('language = "rust"', 'language = "rust"\ntarget = "wasip2"'),
    );
    const out = mkdtempSync(path.join(os.tmpdir(), 'rust-p2-'));
    const res = await buildx(tb, dir, ['--platform=wasi/wasm', `--output=type=local,dest=${out}`]);
    expect(res.code, res.stderr.split('\n').slice(-40).join('\n')).toBe(0);
    expect(res.stderr).toMatch(/\[hello-rust\] cargo build --release --target wasm32-wasi /);
    expect(res.stderr).toMatch(/\[hello-rust\] component new \(wasi_snapshot_preview1 command adapter\)/);
    const bytes = readFileSync(path.join(out, 'hello-rust.wasm'));
    expect(inspectHeader(bytes)).toMatchObject({ wasm: true, kind: 'component' });
    const ran = await runtimeAt('wasmtime', undefined, tb.env).run({
      module: path.join(out, 'hello-rust.wasm'),
      args: ['Wasm'],
      env: { GREETING: 'Howdy' },
      dirs: [],
    });
    expect(ran.stdout).toBe('Howdy, Wasm!\n');
  });
});

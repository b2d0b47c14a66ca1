// The Rust driver: target mapping, what the fetch step sees, which binary, and the exact steps (argv, env,
// mounts, network) it writes, read back from the marshaled LLB.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { image, local, marshal, type State } from '../../../frontend/llb/index.js';
import { matchFiles } from '../../../frontend/convert/context-files.js';
import type { BuildInputs } from '../../../frontend/languages/driver.js';
import {
  artifactPath,
  BUILD_SCRIPT,
  buildEnv,
  cargoBuildArgs,
  cargoFetchArgs,
  cargoHome,
  chooseTriple,
  fetchEnv,
  manifestSet,
  MANIFEST_PATTERNS,
  parseRustcProbe,
  pickBinary,
  rustDriver,
  type CargoMetadata,
  type RustcFacts,
} from '../../../frontend/languages/rust.js';
import { decodeDefinition, type Decoded, type DecodedOp } from '../llb/decode.js';
import { envMap, opName, viewLlb } from '../llb/view.js';
import { moduleOf as parsedModule } from '../../support/wasm-toml.js';

const moduleOf = (toml: string) => parsedModule(`language = "rust"\n${toml}`);

// ---------------------------------------------------------------------------------------------------------

const debian163: RustcFacts = {
  version: 'rustc 1.63.0',
  known: ['wasm32-unknown-unknown', 'wasm32-wasi', 'x86_64-unknown-linux-gnu'],
  installed: ['wasm32-unknown-unknown', 'wasm32-wasi', 'x86_64-unknown-linux-gnu'],
  rustup: false,
};
const official = (version: string, known: string[], installed: string[] = []): RustcFacts => ({
  version: `rustc ${version} (abcdef 2026-01-01)`,
  known: ['wasm32-unknown-unknown', ...known, 'x86_64-unknown-linux-gnu'],
  installed: ['x86_64-unknown-linux-gnu', ...installed],
  rustup: true,
});

describe('target mapping', () => {
  const ok: { name: string; target: string; facts: RustcFacts; triple: string; rustupAdd: boolean }[] = [
    {
      name: "Debian's rustc 1.63: only the old name, installed, no rustup",
      target: 'wasip1',
      facts: debian163,
      triple: 'wasm32-wasi',
      rustupAdd: false,
    },
    {
      name: 'rust:1.96 (rustup): the new name, added',
      target: 'wasip1',
      facts: official('1.96.0', ['wasm32-wasip1', 'wasm32-wasip2']),
      triple: 'wasm32-wasip1',
      rustupAdd: true,
    },
    {
      name: 'rust:1.96 (rustup), wasip2: a component target',
      target: 'wasip2',
      facts: official('1.96.0', ['wasm32-wasip1', 'wasm32-wasip2']),
      triple: 'wasm32-wasip2',
      rustupAdd: true,
    },
    {
      name: 'rust:1.80 knows both names: the new one',
      target: 'wasip1',
      facts: official('1.80.0', ['wasm32-wasi', 'wasm32-wasip1']),
      triple: 'wasm32-wasip1',
      rustupAdd: true,
    },
    {
      name: 'rust:1.70 predates the rename: the old name, added',
      target: 'wasip1',
      facts: official('1.70.0', ['wasm32-wasi']),
      triple: 'wasm32-wasi',
      rustupAdd: true,
    },
    {
      name: 'an image with the old name preinstalled: used as is, nothing to download',
      target: 'wasip1',
      facts: official('1.80.0', ['wasm32-wasi', 'wasm32-wasip1'], ['wasm32-wasi']),
      triple: 'wasm32-wasi',
      rustupAdd: false,
    },
    {
      name: 'a mirror image with the target preinstalled: no rustup step (air-gapped)',
      target: 'wasip1',
      facts: official('1.96.0', ['wasm32-wasip1', 'wasm32-wasip2'], ['wasm32-wasip1']),
      triple: 'wasm32-wasip1',
      rustupAdd: false,
    },
  ];
  it.each(ok)('$name', ({ target, facts, triple, rustupAdd }) => {
    expect(chooseTriple(moduleOf(`name = "m"\ntarget = "${target}"`), facts)).toEqual({ triple, rustupAdd });
  });

  const errors: { name: string; target: string; facts: RustcFacts; message: RegExp }[] = [
    {
      name: 'a known target without its standard library and no rustup',
      target: 'wasip1',
      facts: { ...debian163, installed: ['x86_64-unknown-linux-gnu'] },
      message: /knows wasm32-wasi but has no standard library for it and no rustup/,
    },
    {
      name: 'a rustc without any wasi target',
      target: 'wasip1',
      facts: { ...debian163, known: ['x86_64-unknown-linux-gnu'], installed: [] },
      message: /knows neither wasm32-wasip1 nor wasm32-wasi/,
    },
  ];
  it('wasip2 on rustc 1.63 (no wasm32-wasip2): the wasip1 module, made a component by the frontend', () => {
    expect(chooseTriple(moduleOf('name = "m"\ntarget = "wasip2"'), debian163)).toEqual({
      triple: 'wasm32-wasi',
      rustupAdd: false,
      componentize: true,
    });
  });

  it.each(errors)('refuses $name', ({ target, facts, message }) => {
    expect(() => chooseTriple(moduleOf(`name = "m"\ntarget = "${target}"`), facts)).toThrow(message);
  });

  it('reads the probe output', () => {
    const text =
      'rustc 1.63.0\n---\nwasm32-unknown-unknown\nwasm32-wasi\nx86_64-unknown-linux-gnu\n---\nwasm32-wasi\n' +
      'x86_64-unknown-linux-gnu\n---\n';
    expect(parseRustcProbe(text)).toEqual({
      version: 'rustc 1.63.0',
      known: ['wasm32-unknown-unknown', 'wasm32-wasi', 'x86_64-unknown-linux-gnu'],
      installed: ['wasm32-wasi', 'x86_64-unknown-linux-gnu'],
      rustup: false,
    });
    expect(
      parseRustcProbe('rustc 1.96.0\n---\nwasm32-wasip1\n---\nx86_64-unknown-linux-gnu\n---\nrustup\n')
        .rustup,
    ).toBe(true);
    expect(() => parseRustcProbe('rustc: not found\n')).toThrow(/unexpected rustc probe output/);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('what the fetch step sees', () => {
  const cases: { name: string; files: string[]; copies: string[]; stubs: string[]; locked: boolean }[] = [
    {
      name: 'a crate: manifest and lock copied, its target roots stubbed, other sources left out',
      files: ['Cargo.lock', 'Cargo.toml', 'src/main.rs', 'src/lib.rs', 'src/util/mod.rs', 'src/parse.rs'],
      copies: ['Cargo.lock', 'Cargo.toml'],
      stubs: ['src/lib.rs', 'src/main.rs'],
      locked: true,
    },
    {
      name: 'every root cargo discovers by name: bins, examples, tests, benches, build.rs',
      files: [
        'Cargo.toml',
        'build.rs',
        'src/bin/a.rs',
        'src/bin/b/main.rs',
        'src/bin/b/helper.rs',
        'examples/demo.rs',
        'tests/it.rs',
        'tests/common/mod.rs',
        'benches/speed/main.rs',
      ],
      copies: ['Cargo.toml'],
      stubs: [
        'benches/speed/main.rs',
        'build.rs',
        'examples/demo.rs',
        'src/bin/a.rs',
        'src/bin/b/main.rs',
        'tests/it.rs',
      ],
      locked: false,
    },
    {
      name: 'a workspace: every member manifest, cargo config, no build output',
      files: [
        '.cargo/config.toml',
        'Cargo.lock',
        'Cargo.toml',
        'crates/app/Cargo.toml',
        'crates/app/src/main.rs',
        'crates/lib/Cargo.toml',
        'crates/lib/src/lib.rs',
        'crates/lib/target/debug/build/x/out/Cargo.toml',
        'target/package/app-0.1.0/Cargo.toml',
        'target/package/app-0.1.0/src/main.rs',
      ],
      copies: [
        '.cargo/config.toml',
        'Cargo.lock',
        'Cargo.toml',
        'crates/app/Cargo.toml',
        'crates/lib/Cargo.toml',
      ],
      stubs: ['crates/app/src/main.rs', 'crates/lib/src/lib.rs'],
      locked: true,
    },
    {
      name: 'a lock file of a member is not the workspace lock',
      files: ['Cargo.toml', 'src/main.rs', 'sub/Cargo.lock', 'sub/Cargo.toml'],
      copies: ['Cargo.toml', 'sub/Cargo.lock', 'sub/Cargo.toml'],
      stubs: ['src/main.rs'],
      locked: false,
    },
  ];
  it.each(cases)('$name', ({ files, copies, stubs, locked }) => {
    const listed = matchFiles([...files].sort(), MANIFEST_PATTERNS);
    expect(manifestSet(moduleOf('name = "m"'), listed)).toEqual({ copies, stubs, locked });
  });

  it('needs a Cargo.toml at the root of source', () => {
    expect(() => manifestSet(moduleOf('name = "m"\nsource = "app"'), ['src/main.rs'])).toThrow(
      /module "m": no Cargo\.toml in "app"/,
    );
    expect(() => manifestSet(moduleOf('name = "m"\ninclude = ["src/**"]'), ['src/main.rs'])).toThrow(
      /check `include`/,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------

const pkg = (
  name: string,
  dir: string,
  bins: string[],
  extra: { lib?: boolean; defaultRun?: string } = {},
) => ({
  name,
  id: `${name} 0.1.0 (path+file://${dir})`,
  manifest_path: `${dir}/Cargo.toml`,
  default_run: extra.defaultRun ?? null,
  targets: [
    ...(extra.lib ? [{ name, kind: ['lib'] }] : []),
    ...bins.map((b) => ({ name: b, kind: ['bin'] })),
    { name: 'build-script-build', kind: ['custom-build'] },
  ],
});
const metadata = (...packages: ReturnType<typeof pkg>[]): CargoMetadata => ({
  packages,
  workspace_members: packages.map((p) => p.id),
});

describe('which binary', () => {
  const single = metadata(pkg('hello-rust', '/src', ['hello-rust'], { lib: true }));
  const severalBins = metadata(pkg('tools', '/src', ['a', 'b']));
  const workspace = metadata(
    pkg('app', '/src/crates/app', ['app']),
    pkg('cli', '/src/crates/cli', ['cli', 'a']),
  );
  const ok: { name: string; toml: string; meta: CargoMetadata; pick: { package: string; bin: string } }[] = [
    {
      name: 'the only bin of the root package',
      toml: '',
      meta: single,
      pick: { package: 'hello-rust', bin: 'hello-rust' },
    },
    {
      name: 'rust.bin among several',
      toml: 'rust.bin = "b"',
      meta: severalBins,
      pick: { package: 'tools', bin: 'b' },
    },
    {
      name: "the package's default-run",
      toml: '',
      meta: metadata(pkg('tools', '/src', ['a', 'b'], { defaultRun: 'b' })),
      pick: { package: 'tools', bin: 'b' },
    },
    {
      name: 'rust.package in a workspace',
      toml: 'rust.package = "app"',
      meta: workspace,
      pick: { package: 'app', bin: 'app' },
    },
    {
      name: 'rust.bin anywhere in a virtual workspace',
      toml: 'rust.bin = "cli"',
      meta: workspace,
      pick: { package: 'cli', bin: 'cli' },
    },
  ];
  it.each(ok)('$name', ({ toml, meta, pick }) => {
    expect(pickBinary(moduleOf(`name = "m"\n${toml}`), meta, '/src/Cargo.toml')).toEqual(pick);
  });

  const errors: { name: string; toml: string; meta: CargoMetadata; message: RegExp }[] = [
    {
      name: 'several bins',
      toml: '',
      meta: severalBins,
      message: /package "tools" has several binaries \(a, b\); set rust\.bin/,
    },
    {
      name: 'several bins across a workspace',
      toml: '',
      meta: workspace,
      message: /the workspace has several binaries \(app \(app\), cli \(cli\), a \(cli\)\); set rust\.bin/,
    },
    {
      name: 'a library only',
      toml: '',
      meta: metadata(pkg('lib', '/src', [], { lib: true })),
      message: /has no binary target/,
    },
    {
      name: 'an unknown rust.bin',
      toml: 'rust.bin = "c"',
      meta: severalBins,
      message: /rust\.bin "c" is not a binary of package "tools" \(binaries: a, b\)/,
    },
    {
      name: 'an unknown rust.package',
      toml: 'rust.package = "x"',
      meta: workspace,
      message: /rust\.package "x" is not in the workspace \(packages: app, cli\)/,
    },
  ];
  it.each(errors)('refuses $name', ({ toml, meta, message }) => {
    expect(() => pickBinary(moduleOf(`name = "m"\n${toml}`), meta, '/src/Cargo.toml')).toThrow(message);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('cargo command lines and environment', () => {
  const hello = { package: 'hello', bin: 'hello' };
  const argv: { name: string; toml: string; args: string[]; artifact: string }[] = [
    {
      name: 'release (the default)',
      toml: '',
      args: ['--release', '--package', 'hello', '--bin', 'hello'],
      artifact: '/cargo-target/wasm32-wasip1/release/hello.wasm',
    },
    {
      name: 'debug',
      toml: 'profile = "debug"',
      args: ['--package', 'hello', '--bin', 'hello'],
      artifact: '/cargo-target/wasm32-wasip1/debug/hello.wasm',
    },
    {
      name: 'features, no default features',
      toml: 'rust.features = ["json", "fast"]\nrust.default-features = false',
      args: [
        '--release',
        '--package',
        'hello',
        '--bin',
        'hello',
        '--no-default-features',
        '--features',
        'json,fast',
      ],
      artifact: '/cargo-target/wasm32-wasip1/release/hello.wasm',
    },
  ];
  it.each(argv)('cargo build: $name', ({ toml, args, artifact }) => {
    const m = moduleOf(`name = "m"\n${toml}`);
    expect(cargoBuildArgs(m, 'wasm32-wasip1', hello)).toEqual([
      'cargo',
      'build',
      '--frozen',
      '--target',
      'wasm32-wasip1',
      '--target-dir',
      '/cargo-target',
      ...args,
    ]);
    expect(artifactPath(m, 'wasm32-wasip1', hello)).toBe(artifact);
  });

  it('cargo fetch: --locked only with a lock file', () => {
    expect(cargoFetchArgs('wasm32-wasi', true)).toEqual([
      'cargo',
      'fetch',
      '--target',
      'wasm32-wasi',
      '--locked',
    ]);
    expect(cargoFetchArgs('wasm32-wasi', false)).toEqual(['cargo', 'fetch', '--target', 'wasm32-wasi']);
  });

  const envs: { name: string; toml: string; image: Record<string, string>; fetch: object; build: object }[] =
    [
      {
        name: 'release strips through the profile; CARGO_HOME from the image',
        toml: '',
        image: { CARGO_HOME: '/usr/local/cargo' },
        fetch: { CARGO_HOME: '/usr/local/cargo' },
        build: { CARGO_PROFILE_RELEASE_STRIP: 'symbols', CARGO_HOME: '/usr/local/cargo' },
      },
      {
        name: 'debug keeps symbols; no CARGO_HOME anywhere: cargo default under HOME',
        toml: 'profile = "debug"',
        image: {},
        fetch: { CARGO_HOME: '/root/.cargo' },
        build: { CARGO_HOME: '/root/.cargo' },
      },
      {
        name: "the module's env reaches both steps and wins over the strip setting",
        toml: 'env = { RUSTFLAGS = "-C opt-level=z", CARGO_PROFILE_RELEASE_STRIP = "debuginfo" }',
        image: { CARGO_HOME: '/usr/local/cargo' },
        fetch: {
          RUSTFLAGS: '-C opt-level=z',
          CARGO_PROFILE_RELEASE_STRIP: 'debuginfo',
          CARGO_HOME: '/usr/local/cargo',
        },
        build: {
          RUSTFLAGS: '-C opt-level=z',
          CARGO_PROFILE_RELEASE_STRIP: 'debuginfo',
          CARGO_HOME: '/usr/local/cargo',
        },
      },
      {
        name: 'a CARGO_HOME in the module env moves the cache mounts with it',
        toml: 'env = { CARGO_HOME = "/cargo" }',
        image: { CARGO_HOME: '/usr/local/cargo' },
        fetch: { CARGO_HOME: '/cargo' },
        build: { CARGO_PROFILE_RELEASE_STRIP: 'symbols', CARGO_HOME: '/cargo' },
      },
    ];
  it.each(envs)('env: $name', ({ toml, image: imageEnv, fetch, build }) => {
    const m = moduleOf(`name = "m"\n${toml}`);
    const home = cargoHome(m, new Map(Object.entries(imageEnv)));
    expect(fetchEnv(m, home)).toEqual(fetch);
    expect(buildEnv(m, home)).toEqual(build);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The whole driver, with the gateway replaced by fixtures: the steps as BuildKit receives them.

const PROBE_163 =
  'rustc 1.63.0\n---\nwasm32-unknown-unknown\nwasm32-wasi\nx86_64-unknown-linux-gnu\n---\nwasm32-wasi\n' +
  'x86_64-unknown-linux-gnu\n---\n';
const PROBE_196 =
  'rustc 1.96.0 (abcdef 2026-05-28)\n---\nwasm32-wasip1\nwasm32-wasip2\nx86_64-unknown-linux-gnu\n---\n' +
  'x86_64-unknown-linux-gnu\n---\nrustup\n';
const IMAGE_ENV = {
  PATH: '/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  RUSTUP_HOME: '/usr/local/rustup',
  CARGO_HOME: '/usr/local/cargo',
};

interface Row {
  dest: string;
  type: 'bind' | 'cache';
  from?: string;
  readonly?: true;
  output?: true;
  id?: string;
  sharing?: 'locked' | 'shared' | 'private';
}

interface Step {
  name: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  network: 'sandbox' | 'none';
  root: string;
  mounts: Row[];
}

/** Every exec in the graph behind `state`, by name: the tests' one LLB view, as rows of these tables. */
function stepsOf(state: State): Map<string, Step> {
  const steps = new Map<string, Step>();
  for (const e of viewLlb(state).execs) {
    const rows: Row[] = e.mounts
      .filter((m) => m.dest !== '/')
      .map((m) =>
        m.type === 'cache'
          ? { dest: m.dest, type: 'cache', id: m.cache!.id, sharing: m.cache!.sharing }
          : {
              dest: m.dest,
              type: 'bind',
              from: m.from!,
              ...(m.readonly ? { readonly: true as const } : {}),
              ...(m.writable ? { output: true as const } : {}),
            },
      );
    steps.set(e.name, {
      name: e.name,
      args: e.args,
      env: envMap(e.env),
      cwd: e.cwd,
      network: e.network === 'none' ? 'none' : 'sandbox',
      root: e.mounts.find((m) => m.dest === '/')!.from!,
      mounts: rows,
    });
  }
  return steps;
}

interface Run {
  reads: { path: string; steps: Map<string, Step> }[];
  steps: Map<string, Step>;
  ops: DecodedOp[];
  path: string;
}

async function drive(toml: string, files: string[], probe: string, meta: CargoMetadata): Promise<Run> {
  const module = moduleOf(toml);
  const reads: Run['reads'] = [];
  const inputs: BuildInputs = {
    module,
    toolchain: image('registry.test/rust:1.96.0').withImageConfig({
      config: { Env: Object.entries(IMAGE_ENV).map(([k, v]) => `${k}=${v}`) },
    }),
    toolchainEnv: new Map(Object.entries(IMAGE_ENV)),
    context: local('context', { customName: 'context' }),
    label: `[${module.name}]`,
    ignoreCache: false,
    files: (patterns) => Promise.resolve(matchFiles([...files].sort(), patterns)),
    read(state, path) {
      reads.push({ path, steps: stepsOf(state) });
      const text = path === '/rustc.txt' ? probe : JSON.stringify(meta);
      return Promise.resolve(new TextEncoder().encode(text));
    },
  };
  const built = await rustDriver.build(inputs);
  return {
    reads,
    steps: stepsOf(built.output),
    ops: decodeDefinition(marshal(built.output).definition),
    path: built.path,
  };
}

const helloFiles = [
  'Cargo.toml',
  'Cargo.lock',
  'src/main.rs',
  'textstats/Cargo.toml',
  'textstats/src/lib.rs',
];
const helloMeta = metadata(pkg('hello-rust', '/src', ['hello-rust']));
/**
 * What `cargo fetch` writes, in dest order as mounts go on the wire: outputs of the fetch step (not cache
 * mounts, which a cache imported on a fresh builder would not fill), read by the build step.
 */
const fetched: Row[] = [
  { dest: '/usr/local/cargo/git', type: 'bind', from: 'scratch', output: true },
  { dest: '/usr/local/cargo/registry', type: 'bind', from: 'scratch', output: true },
];
const fetchedBy = (fetch: string): Row[] => [
  { dest: '/usr/local/cargo/git', type: 'bind', from: `${fetch} #2`, output: true },
  { dest: '/usr/local/cargo/registry', type: 'bind', from: `${fetch} #3`, output: true },
];

describe('the steps the driver writes', () => {
  it('rustc 1.63 (Debian), with a Cargo.lock: probe, metadata, fetch, offline build', async () => {
    const run = await drive('name = "hello"', helloFiles, PROBE_163, helloMeta);
    const toolchain = 'docker-image://registry.test/rust:1.96.0';
    const manifests = '[hello] Cargo manifests (3 files, 2 target stubs)';

    // The two questions, asked before the build steps are written, neither with network.
    expect(run.reads.map((r) => r.path)).toEqual(['/rustc.txt', '/metadata.json']);
    const probe = run.reads[0]!.steps.get('[hello] rustc: wasm targets')!;
    expect(probe.args.slice(0, 2)).toEqual(['sh', '-c']);
    expect(probe.args[2]).toMatch(/^exec > \/out\/rustc\.txt\n/);
    expect([probe.network, probe.root, probe.mounts]).toEqual([
      'none',
      toolchain,
      [{ dest: '/out', type: 'bind', from: 'scratch', output: true }],
    ]);
    const meta = run.reads[1]!.steps.get('[hello] cargo metadata')!;
    expect(meta.args).toEqual([
      'sh',
      '-c',
      'exec cargo metadata --no-deps --format-version 1 --offline > /out/metadata.json',
    ]);
    expect([meta.network, meta.cwd, meta.mounts]).toEqual([
      'none',
      '/src',
      [
        { dest: '/out', type: 'bind', from: 'scratch', output: true },
        { dest: '/src', type: 'bind', from: manifests, readonly: true },
      ],
    ]);

    // No rustup step: the image has the standard library.
    expect([...run.steps.keys()]).toEqual([
      '[hello] cargo fetch --target wasm32-wasi',
      '[hello] cargo build --release --target wasm32-wasi --bin hello-rust',
    ]);
    const fetch = run.steps.get('[hello] cargo fetch --target wasm32-wasi')!;
    expect(fetch.args).toEqual(['cargo', 'fetch', '--target', 'wasm32-wasi', '--locked']);
    expect(fetch.env).toEqual({ ...IMAGE_ENV, CARGO_HOME: '/usr/local/cargo' });
    expect([fetch.network, fetch.cwd, fetch.root]).toEqual(['sandbox', '/src', toolchain]);
    expect(fetch.mounts).toEqual([{ dest: '/src', type: 'bind', from: manifests, output: true }, ...fetched]);
    const build = run.steps.get('[hello] cargo build --release --target wasm32-wasi --bin hello-rust')!;
    expect(build.args).toEqual([
      'sh',
      '-c',
      BUILD_SCRIPT,
      'cargo-build',
      '/cargo-target/wasm32-wasi/release/hello-rust.wasm',
      '/out/hello.wasm',
      '/cargo-target/.wasm-build-sources.sha256',
      'cargo',
      'build',
      '--frozen',
      '--target',
      'wasm32-wasi',
      '--target-dir',
      '/cargo-target',
      '--release',
      '--package',
      'hello-rust',
      '--bin',
      'hello-rust',
    ]);
    expect(build.env).toEqual({
      ...IMAGE_ENV,
      CARGO_PROFILE_RELEASE_STRIP: 'symbols',
      CARGO_HOME: '/usr/local/cargo',
    });
    // Offline, on the toolchain, with a copy-on-write view of the context, the target cache and what
    // the fetch step wrote.
    expect([build.network, build.cwd, build.root]).toEqual(['none', '/src', toolchain]);
    expect(build.mounts).toEqual([
      { dest: '/cargo-target', type: 'cache', id: 'wasm-build-cargo-target-hello', sharing: 'locked' },
      { dest: '/out', type: 'bind', from: 'scratch', output: true },
      { dest: '/src', type: 'bind', from: 'context', output: true },
      ...fetchedBy(fetch.name),
    ]);
    expect(run.path).toBe('/hello.wasm');
  });

  it('the fetch step copies only manifests and writes empty target roots', async () => {
    const run = await drive('name = "hello"', helloFiles, PROBE_163, helloMeta);
    const file = fileOps(run).find((o) => opName(o).includes('Cargo manifests'))!;
    const actions = (file.op.file as { actions: Decoded[] }).actions.map((a) => {
      if (a.copy) return `copy ${(a.copy as { src: string }).src}`;
      if (a.mkdir) return `mkdir ${(a.mkdir as { path: string }).path}`;
      const mk = a.mkfile as { path: string; data?: Uint8Array };
      return `mkfile ${mk.path} (${mk.data?.length ?? 0} bytes)`;
    });
    expect(actions).toEqual([
      'copy /Cargo.lock',
      'copy /Cargo.toml',
      'copy /textstats/Cargo.toml',
      'mkdir /src',
      'mkdir /textstats/src',
      'mkfile /src/main.rs (0 bytes)',
      'mkfile /textstats/src/lib.rs (0 bytes)',
    ]);
  });

  it('rust:1.96 (rustup), no Cargo.lock, in a subdirectory: rustup step, fetched lock added to the sources', async () => {
    const files = ['Cargo.toml', 'src/main.rs'];
    const meta = metadata(pkg('app', '/src/app', ['app']));
    const run = await drive(
      'name = "app"\nsource = "app"\ntarget = "wasip2"\nprofile = "debug"',
      files,
      PROBE_196,
      meta,
    );
    expect([...run.steps.keys()]).toEqual([
      '[app] rustup target add wasm32-wasip2',
      '[app] cargo fetch --target wasm32-wasip2',
      '[app] cargo build --target wasm32-wasip2 --bin app',
    ]);
    const rustup = run.steps.get('[app] rustup target add wasm32-wasip2')!;
    expect([rustup.args, rustup.network, rustup.mounts]).toEqual([
      ['rustup', 'target', 'add', 'wasm32-wasip2'],
      'sandbox',
      [],
    ]);
    const fetch = run.steps.get('[app] cargo fetch --target wasm32-wasip2')!;
    expect([fetch.args, fetch.cwd, fetch.root]).toEqual([
      ['cargo', 'fetch', '--target', 'wasm32-wasip2'],
      '/src/app',
      `${rustup.name} #0`,
    ]);
    const build = run.steps.get('[app] cargo build --target wasm32-wasip2 --bin app')!;
    expect(build.args.slice(4, 7)).toEqual([
      '/cargo-target/wasm32-wasip2/debug/app.wasm',
      '/out/app.wasm',
      '/cargo-target/.wasm-build-sources.sha256',
    ]);
    // The build runs where rustup added the target, not on the fetch step's root.
    expect(build.root).toBe(`${rustup.name} #0`);
    expect(build.env).not.toHaveProperty('CARGO_PROFILE_DEV_STRIP');
    expect(build.mounts.find((m) => m.dest === '/src')).toEqual({
      dest: '/src',
      type: 'bind',
      from: '[app] add the Cargo.lock cargo fetch resolved',
      output: true,
    });
    const add = fileOps(run).find((o) => opName(o) === '[app] add the Cargo.lock cargo fetch resolved')!;
    expect(
      (add.op.file as { actions: { copy: { src: string; dest: string } }[] }).actions.map((a) => a.copy),
    ).toEqual([expect.objectContaining({ src: '/app/Cargo.lock', dest: '/app/Cargo.lock' })]);
  });
});

function fileOps(run: Run): DecodedOp[] {
  return run.ops.filter((o) => o.op.file);
}

// ---------------------------------------------------------------------------------------------------------
// The build step's script, run with the host's sh in place of the container's (both POSIX sh + coreutils).

describe('the build script', () => {
  const old = new Date('2020-01-01T00:00:00Z');

  function checkout(files: Record<string, string>): { src: string; target: string; out: string } {
    const root = mkdtempSync(path.join(os.tmpdir(), 'rust-script-'));
    const [src, target, out] = ['src', 'target', 'out'].map((d) => path.join(root, d)) as [
      string,
      string,
      string,
    ];
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(src, name)), { recursive: true });
      writeFileSync(path.join(src, name), text);
      utimesSync(path.join(src, name), old, old);
    }
    mkdirSync(target);
    mkdirSync(out);
    return { src, target, out };
  }

  /** Runs the script with `cmd` standing in for cargo; it "builds" by writing the artifact. */
  function run(c: { src: string; target: string; out: string }, cmd: string) {
    return spawnSync(
      'sh',
      [
        '-c',
        BUILD_SCRIPT,
        'cargo-build',
        `${c.target}/app.wasm`,
        `${c.out}/app.wasm`,
        `${c.target}/stamp`,
        'sh',
        '-c',
        cmd,
      ],
      { cwd: c.src, encoding: 'utf8' },
    );
  }
  const mtime = (file: string) => statSync(file).mtime.getTime();

  it('touches exactly the files whose content differs from the last build, then builds and copies', () => {
    const c = checkout({
      'src/main.rs': 'fn main() {}',
      'src/lib.rs': 'pub fn a() {}',
      'target/junk.rs': 'x',
    });
    const built = `printf wasm > ${c.target}/app.wasm`;
    expect(run(c, built).status).toBe(0);
    // First build: nothing recorded yet, nothing touched; the stamp lists the sources, not target/.
    expect(mtime(path.join(c.src, 'src/main.rs'))).toBe(old.getTime());
    const stamp = readFileSync(path.join(c.target, 'stamp'), 'utf8');
    expect(stamp).toMatch(/ \.\/src\/main\.rs$/m);
    expect(stamp).not.toMatch(/junk/);
    expect(readFileSync(path.join(c.out, 'app.wasm'), 'utf8')).toBe('wasm');

    // Another checkout's content, just as old: main.rs is touched, lib.rs (same content) is not.
    writeFileSync(path.join(c.src, 'src/main.rs'), 'fn main() { other() }');
    utimesSync(path.join(c.src, 'src/main.rs'), old, old);
    expect(run(c, built).status).toBe(0);
    expect(mtime(path.join(c.src, 'src/main.rs'))).toBeGreaterThan(old.getTime());
    expect(mtime(path.join(c.src, 'src/lib.rs'))).toBe(old.getTime());
    expect(readFileSync(path.join(c.target, 'stamp'), 'utf8')).not.toBe(stamp);
  });

  it('records the sources even when the build fails, and copies nothing then', () => {
    const c = checkout({ 'src/main.rs': 'fn main() {' });
    const res = run(c, 'exit 101');
    expect(res.status).toBe(101);
    expect(readFileSync(path.join(c.target, 'stamp'), 'utf8')).toMatch(/ \.\/src\/main\.rs$/m);
    expect(() => statSync(path.join(c.out, 'app.wasm'))).toThrow();
  });
});

describe('no shell interpolation of user values', () => {
  it('passes env values and the module name to its fixed sh -c scripts only as data', async () => {
    const evil = '$(touch /pwned)`id`;rm -rf /';
    const run = await drive(`name = "hello"\nenv = { X = "${evil}" }`, helloFiles, PROBE_163, helloMeta);
    const steps = [...run.steps.values(), ...run.reads.flatMap((r) => [...r.steps.values()])];
    expect(steps.some((s) => s.env.X === evil)).toBe(true);
    for (const step of steps) {
      const c = step.args.indexOf('-c');
      if (step.args[0] === 'sh' && c > 0) expect(step.args[c + 1], step.name).not.toContain('pwned');
    }
  });
});

// Rust with cargo. Each step is cached on its own inputs:
//   rustc probe ───────────────┐ (which wasm targets the toolchain knows and has a standard library for)
//   manifests ─> cargo metadata┴ (which package and bin; both read by the frontend before the rest)
//   toolchain ─> [rustup target add] ─> cargo fetch (network; manifests only) ─> cargo build (offline)
// The fetch step sees only Cargo.toml/Cargo.lock files and empty stand-ins for the target roots cargo
// discovers by name, so a source change leaves it CACHED. What it downloads (CARGO_HOME's registry/ and
// git/) is the step's output, not a cache mount, as with Go's module cache: BuildKit does not record what a
// cache mount holds, so a fetch step restored from `--cache-from` on a fresh builder (or after
// `buildx prune` emptied the mounts) would leave the offline build without its crates. The build step has
// no network and reads those outputs; a per-module target directory lives in a cache mount, so cargo
// compiles only the crates that changed (made safe across checkouts by BUILD_SCRIPT's content check).
import path from 'node:path/posix';
import type { ModuleSpec, Target } from '../../src/wasm-toml/index.js';
import { ModuleError } from '../convert/module-error.js';
import { copy, FileActions, scratch, type ExecState, type MountSpec, type State } from '../llb/index.js';
import { OUT_DIR, SRC_DIR, type BuildInputs, type BuiltModule, type LanguageDriver } from './driver.js';

/** The official image (its config sets PATH, CARGO_HOME=/usr/local/cargo and RUSTUP_HOME; rustup inside). */
const RUST_IMAGE = 'docker.io/library/rust:1.96.0';

/** Where the per-module cargo target directory (a cache mount) sits in the build step. */
export const TARGET_DIR = '/cargo-target';

export const targetCacheId = (module: ModuleSpec): string => `wasm-build-cargo-target-${module.name}`;

// ---------------------------------------------------------------------------------------------------------
// Target mapping

/**
 * The triples a `target` may build with, best first. Rust 1.78 added `wasm32-wasip1` and 1.84 removed its
 * old name `wasm32-wasi`; older toolchains (Debian bookworm's rustc 1.63) only know `wasm32-wasi`, which
 * is the same target. `wasm32-wasip2` (components) needs Rust 1.82.
 */
export const TRIPLES: Readonly<Record<Target, readonly string[]>> = {
  wasip1: ['wasm32-wasip1', 'wasm32-wasi'],
  wasip2: ['wasm32-wasip2'],
};

/** What the toolchain image says about itself (see RUSTC_PROBE). */
export interface RustcFacts {
  /** `rustc -V`, for messages. */
  version: string;
  /** `rustc --print target-list`: every target this rustc can compile for. */
  known: readonly string[];
  /** Targets whose standard library is in the sysroot (`lib/rustlib/<triple>/lib`). */
  installed: readonly string[];
  /** `rustup` is on PATH, so a missing standard library can be added. */
  rustup: boolean;
}

/**
 * Why ask the toolchain rather than read a version from the image: the image may be a mirror, a digest,
 * a `latest` tag or a distro package (no RUST_VERSION in its config), and what matters is not the version
 * but which targets rustc knows and which standard libraries are installed (Debian's rustc 1.63 has
 * `wasm32-wasi` only through libstd-rust-dev-wasm32; a 1.80 image may have either name). The probe is a
 * tiny exec on the pinned image, cached by BuildKit like any step, so it runs once per toolchain digest.
 */
export const RUSTC_PROBE = [
  'set -e',
  'rustc -V',
  'echo ---',
  'rustc --print target-list',
  'echo ---',
  'sysroot="$(rustc --print sysroot)"',
  'for d in "$sysroot"/lib/rustlib/*/lib; do if [ -d "$d" ]; then basename "$(dirname "$d")"; fi; done',
  'echo ---',
  'if command -v rustup >/dev/null 2>&1; then echo rustup; fi',
]
  .join('\n')
  .concat('\n');

export function parseRustcProbe(text: string): RustcFacts {
  const sections = text.split(/^---$/m).map((s) =>
    s
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
  if (sections.length !== 4) throw new Error(`unexpected rustc probe output:\n${text}`);
  const [version, known, installed, rustup] = sections as [string[], string[], string[], string[]];
  return { version: version[0] ?? 'rustc', known, installed, rustup: rustup.includes('rustup') };
}

export interface TripleChoice {
  triple: string;
  /** Run `rustup target add <triple>` first (its standard library is not in the image yet). */
  rustupAdd: boolean;
  /** `wasip2` on a rustc without `wasm32-wasip2` (before 1.82): a wasip1 module, made a component after. */
  componentize?: boolean;
}

export function chooseTriple(module: ModuleSpec, facts: RustcFacts): TripleChoice {
  if (module.target === 'wasip2') {
    const native = TRIPLES.wasip2.find((t) => facts.installed.includes(t) || facts.known.includes(t));
    if (!native) {
      // Rust < 1.82: the same program as a wasip1 command, which the preview1 adapter makes a component.
      const core = chooseTriple({ ...module, target: 'wasip1' }, facts);
      return { ...core, componentize: true };
    }
  }
  const candidates = TRIPLES[module.target];
  // A standard library already in the image needs no download: a mirror image for an air-gapped runner
  // can ship the target preinstalled, and then nothing in the build goes out but the crate fetch.
  const installed = candidates.find((t) => facts.installed.includes(t));
  if (installed) return { triple: installed, rustupAdd: false };
  const known = candidates.find((t) => facts.known.includes(t));
  const prefix = `target "${module.target}"`;
  if (!known) {
    throw new ModuleError(
      module.name,
      ['target'],
      module.target === 'wasip2'
        ? `${prefix} needs Rust 1.82 or later (target wasm32-wasip2), but the toolchain has ${facts.version}; set toolchain.version`
        : `${prefix}: ${facts.version} knows neither wasm32-wasip1 nor wasm32-wasi`,
    );
  }
  if (!facts.rustup) {
    throw new ModuleError(
      module.name,
      ['target'],
      `${prefix}: ${facts.version} knows ${known} but has no standard library for it and no rustup to ` +
        `add one; use an image with it installed (e.g. Debian's libstd-rust-dev-wasm32 for wasm32-wasi)`,
    );
  }
  return { triple: known, rustupAdd: true };
}

// ---------------------------------------------------------------------------------------------------------
// What the fetch step sees

/**
 * Target roots cargo finds by file name, relative to a package directory. A manifest naming a bin or
 * example without `path` fails to load when its file is missing; explicit `path`s are not checked.
 */
const DISCOVERED =
  /^(?:build\.rs|src\/(?:lib|main)\.rs|src\/bin\/[^/]+(?:\/main)?\.rs|(?:examples|tests|benches)\/[^/]+(?:\/main)?\.rs)$/;

/** Files the dependency steps need, relative to the module's source directory. */
export const MANIFEST_PATTERNS = [
  '**/Cargo.toml',
  '**/Cargo.lock',
  '**/.cargo/config',
  '**/.cargo/config.toml',
  '**/*.rs',
];

export interface ManifestSet {
  /** Copied as they are: manifests, lock files, cargo configs. */
  copies: string[];
  /** Written empty: the target roots cargo discovers, so it sees the same targets without any source. */
  stubs: string[];
  /** There is a `Cargo.lock` next to the root manifest. */
  locked: boolean;
}

/** Splits the listing of MANIFEST_PATTERNS into what the fetch step copies and what it stubs. */
export function manifestSet(module: ModuleSpec, files: readonly string[]): ManifestSet {
  const packageDirs = files.filter((f) => path.basename(f) === 'Cargo.toml').map((f) => path.dirname(f));
  if (!packageDirs.includes('.')) {
    throw new ModuleError(
      module.name,
      ['source'],
      `no Cargo.toml in "${module.source}" (the source of a Rust module is the ` +
        `directory of its package or workspace root${module.include.length > 0 ? '; check `include`' : ''})`,
    );
  }
  const under = (dir: string, f: string): string | undefined =>
    dir === '.' ? f : f.startsWith(`${dir}/`) ? f.slice(dir.length + 1) : undefined;
  // Build output left in the context (`target/` beside a manifest) is not input.
  const inTargetDir = (f: string) => packageDirs.some((d) => under(d, f)?.startsWith('target/'));
  const copies: string[] = [];
  const stubs: string[] = [];
  for (const f of files) {
    if (inTargetDir(f)) continue;
    if (f.endsWith('.rs')) {
      if (packageDirs.some((d) => DISCOVERED.test(under(d, f) ?? ''))) stubs.push(f);
    } else {
      copies.push(f);
    }
  }
  return { copies: copies.sort(), stubs: stubs.sort(), locked: files.includes('Cargo.lock') };
}

/** The manifests and stubs at their place in the context (under `module.source`), and nothing else. */
function manifestState(inputs: BuildInputs, set: ManifestSet): State {
  const at = (f: string) => path.join('/', inputs.module.source, f);
  let actions = new FileActions();
  // Copies are content-addressed: the step stays cached as long as these files' bytes do.
  for (const f of set.copies) actions = actions.copy(inputs.context, at(f), at(f), { createDestPath: true });
  for (const dir of [...new Set(set.stubs.map((f) => path.dirname(at(f))))].sort()) {
    actions = actions.mkdir(dir, 0o755, { parents: true });
  }
  for (const f of set.stubs) actions = actions.mkfile(at(f), 0o644, '', { createdTime: new Date(0) });
  const n = (count: number, what: string) => `${count} ${what}${count === 1 ? '' : 's'}`;
  return scratch().file(actions, {
    ignoreCache: inputs.ignoreCache,
    customName: `${inputs.label} Cargo manifests (${n(set.copies.length, 'file')}, ${n(set.stubs.length, 'target stub')})`,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Which binary: cargo's own view of the package (`cargo metadata --no-deps`), read by the frontend

interface CargoTarget {
  name: string;
  kind: string[];
}

interface CargoPackage {
  name: string;
  id: string;
  manifest_path: string;
  targets: CargoTarget[];
  default_run?: string | null;
}

export interface CargoMetadata {
  packages: CargoPackage[];
  workspace_members: string[];
}

export interface BinaryChoice {
  package: string;
  bin: string;
}

/**
 * The bin target to build: `rust.bin` (in `rust.package`, else in the root package, else anywhere in the
 * workspace), or the only bin there is (or the package's `default-run`). Asking cargo covers what a
 * Cargo.toml reader would have to redo: auto-discovered bins, `[[bin]]` renames, workspace inheritance.
 */
export function pickBinary(module: ModuleSpec, meta: CargoMetadata, rootManifest: string): BinaryChoice {
  const rust = module.rust ?? { features: [], 'default-features': true };
  const members = meta.packages.filter((p) => meta.workspace_members.includes(p.id));
  let candidates: CargoPackage[];
  let where: string;
  if (rust.package !== undefined) {
    const p = members.find((m) => m.name === rust.package);
    if (!p) {
      throw new ModuleError(
        module.name,
        ['rust', 'package'],
        `rust.package "${rust.package}" is not in the workspace (packages: ${members.map((m) => m.name).join(', ')})`,
      );
    }
    [candidates, where] = [[p], `package "${p.name}"`];
  } else {
    const root = members.find((m) => m.manifest_path === rootManifest);
    [candidates, where] = root ? [[root], `package "${root.name}"`] : [members, 'the workspace'];
  }
  const bins = candidates.flatMap((p) =>
    p.targets
      .filter((t) => t.kind.includes('bin'))
      .map((t) => ({ package: p.name, bin: t.name, defaultRun: p.default_run === t.name })),
  );
  const list = (bs: typeof bins) =>
    bs.map((b) => (candidates.length > 1 ? `${b.bin} (${b.package})` : b.bin)).join(', ') || 'none';
  const pick = (b: (typeof bins)[number]): BinaryChoice => ({ package: b.package, bin: b.bin });
  if (rust.bin !== undefined) {
    const named = bins.filter((b) => b.bin === rust.bin);
    if (named.length === 1) return pick(named[0]!);
    throw new ModuleError(
      module.name,
      ['rust', 'bin'],
      named.length === 0
        ? `rust.bin "${rust.bin}" is not a binary of ${where} (binaries: ${list(bins)})`
        : `several packages have a binary "${rust.bin}" (${list(named)}); set rust.package`,
    );
  }
  if (bins.length === 1) return pick(bins[0]!);
  const defaultRun = bins.filter((b) => b.defaultRun);
  if (defaultRun.length === 1) return pick(defaultRun[0]!);
  throw new ModuleError(
    module.name,
    ['rust', 'bin'],
    bins.length === 0
      ? `${where} has no binary target; a WASI command module is built from one (src/main.rs or a [[bin]])`
      : `${where} has several binaries (${list(bins)}); set rust.bin`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Command lines, environment, mounts (exported for the unit tests, which pin them)

export function cargoFetchArgs(triple: string, locked: boolean): string[] {
  // --locked: a Cargo.lock that no longer matches Cargo.toml fails here, with cargo's own message,
  // rather than in the offline build. Without a lock file the fetch resolves and writes one.
  return ['cargo', 'fetch', '--target', triple, ...(locked ? ['--locked'] : [])];
}

export function cargoBuildArgs(module: ModuleSpec, triple: string, choice: BinaryChoice): string[] {
  const rust = module.rust ?? { features: [], 'default-features': true };
  return [
    'cargo',
    'build',
    // --frozen = --locked --offline: everything comes from the fetch step; the step has no network anyway.
    '--frozen',
    '--target',
    triple,
    '--target-dir',
    TARGET_DIR,
    ...(module.profile === 'release' ? ['--release'] : []),
    '--package',
    choice.package,
    '--bin',
    choice.bin,
    ...(rust['default-features'] ? [] : ['--no-default-features']),
    ...(rust.features.length > 0 ? ['--features', rust.features.join(',')] : []),
  ];
}

/** Where cargo puts the module: `<target-dir>/<triple>/<release|debug>/<bin>.wasm`. */
export function artifactPath(module: ModuleSpec, triple: string, choice: BinaryChoice): string {
  return path.join(
    TARGET_DIR,
    triple,
    module.profile === 'release' ? 'release' : 'debug',
    `${choice.bin}.wasm`,
  );
}

/** What the target directory was last asked to build: `sha256sum` lines of every source file. */
export const SOURCES_STAMP = path.join(TARGET_DIR, '.wasm-build-sources.sha256');

/**
 * The build step's script. Positional parameters: the artifact, where to copy it, the stamp, then cargo's
 * command line; no user text is part of the script itself.
 *
 * 1. Cargo decides that a local crate is up to date when none of its files is newer than its last build.
 *    The target directory is shared by every build of the module name on the daemon, so a second checkout
 *    whose files are older than the first one's last build would get the first one's module. Files whose
 *    content differs from what this target directory last built are therefore touched first, which
 *    makes cargo's mtime check a content check. The stamp is written before cargo runs, so a failed
 *    build counts too. (Touching needs a writable /src: a copy-on-write view, never the client's files.)
 * 2. A cache mount has no output to build on, so the module is copied to the /out bind mount inside the
 *    same exec (the target cache is locked, so no other build of the module changes it in between).
 */
export const BUILD_SCRIPT = [
  'artifact="$1"; output="$2"; stamp="$3"; shift 3',
  `if [ -f "$stamp" ]; then sha256sum -c "$stamp" 2>/dev/null | sed -n 's/: FAILED.*$//p' | while IFS= read -r f; do touch -c -- "$f"; done; fi`,
  'find . -path ./target -prune -o -type f -exec sha256sum {} + > "$stamp"',
  '"$@" && cp "$artifact" "$output"',
].join('\n');

/** CARGO_HOME as cargo will see it: the module's env, the image's, or cargo's default under HOME. */
export function cargoHome(module: ModuleSpec, toolchainEnv: ReadonlyMap<string, string>): string {
  const home = module.env.HOME ?? toolchainEnv.get('HOME') ?? '/root';
  return module.env.CARGO_HOME ?? toolchainEnv.get('CARGO_HOME') ?? path.join(home, '.cargo');
}

/** Environment of the fetch and metadata steps: the module's, and CARGO_HOME spelled out. */
export function fetchEnv(module: ModuleSpec, home: string): Record<string, string> {
  return { ...module.env, CARGO_HOME: home };
}

/** Environment of the build: `strip` through cargo's profile setting (rustc passes --strip-all to wasm-ld). */
export function buildEnv(module: ModuleSpec, home: string): Record<string, string> {
  const profile = module.profile === 'release' ? 'RELEASE' : 'DEV';
  return {
    ...(module.optimize.strip ? { [`CARGO_PROFILE_${profile}_STRIP`]: 'symbols' } : {}),
    ...fetchEnv(module, home),
  };
}

/** CARGO_HOME's directories that `cargo fetch` fills: the registry (index, .crate files, sources) and git checkouts. */
export function fetchedDirs(home: string): string[] {
  return [path.join(home, 'registry'), path.join(home, 'git')];
}

/**
 * The fetch step writes them as its outputs (fresh, empty directories: a fetch downloads every crate the
 * lock file names, and runs only when the manifests changed).
 */
export function fetchOutputMounts(home: string): MountSpec[] {
  return fetchedDirs(home).map((dest) => ({ type: 'bind', dest, source: scratch() }));
}

/**
 * The build step reads the fetch step's outputs. Writable (a copy-on-write view whose changes are thrown
 * away): cargo may touch its bookkeeping files there even offline.
 */
export function fetchedMounts(home: string, fetch: ExecState): MountSpec[] {
  return fetchedDirs(home).map((dest) => ({ type: 'bind', dest, source: fetch.mount(dest) }));
}

/** The target directory of one module: what makes a one-line change an incremental rebuild. */
export function targetMount(module: ModuleSpec): MountSpec {
  return { type: 'cache', dest: TARGET_DIR, id: targetCacheId(module), sharing: 'locked' };
}

// ---------------------------------------------------------------------------------------------------------

async function readJson<T>(inputs: BuildInputs, state: State, file: string): Promise<T> {
  const text = new TextDecoder().decode(await inputs.read(state, file));
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`${file}: not JSON: ${text.slice(0, 200)}`);
  }
}

export const rustDriver: LanguageDriver = {
  languages: ['rust'],
  defaultImage: () => RUST_IMAGE,
  async build(inputs: BuildInputs): Promise<BuiltModule> {
    const { module, label, ignoreCache } = inputs;
    const cwd = path.join(SRC_DIR, module.source);
    const home = cargoHome(module, inputs.toolchainEnv);
    const set = manifestSet(module, await inputs.files(MANIFEST_PATTERNS));
    const manifests = manifestState(inputs, set);

    const probe = inputs.toolchain.run({
      args: ['sh', '-c', `exec > ${OUT_DIR}/rustc.txt\n${RUSTC_PROBE}`],
      network: 'none',
      mounts: [{ type: 'bind', dest: OUT_DIR, source: scratch() }],
      ignoreCache,
      customName: `${label} rustc: wasm targets`,
    });
    const metadata = inputs.toolchain.run({
      args: [
        'sh',
        '-c',
        `exec cargo metadata --no-deps --format-version 1 --offline > ${OUT_DIR}/metadata.json`,
      ],
      env: fetchEnv(module, home),
      cwd,
      network: 'none',
      mounts: [
        { type: 'bind', dest: SRC_DIR, source: manifests, readonly: true },
        { type: 'bind', dest: OUT_DIR, source: scratch() },
      ],
      ignoreCache,
      customName: `${label} cargo metadata`,
    });
    const [probeText, meta] = await Promise.all([
      inputs.read(probe.mount(OUT_DIR), '/rustc.txt').then((b) => new TextDecoder().decode(b)),
      readJson<CargoMetadata>(inputs, metadata.mount(OUT_DIR), '/metadata.json'),
    ]);
    const { triple, rustupAdd, componentize } = chooseTriple(module, parseRustcProbe(probeText));
    const choice = pickBinary(module, meta, path.join(cwd, 'Cargo.toml'));

    const toolchain = rustupAdd
      ? inputs.toolchain.run({
          args: ['rustup', 'target', 'add', triple],
          ignoreCache,
          customName: `${label} rustup target add ${triple}`,
        })
      : inputs.toolchain;
    const fetch = toolchain.run({
      args: cargoFetchArgs(triple, set.locked),
      env: fetchEnv(module, home),
      cwd,
      // Writable: without a Cargo.lock in the context, the one cargo resolves here is what the build uses.
      mounts: [{ type: 'bind', dest: SRC_DIR, source: manifests }, ...fetchOutputMounts(home)],
      ignoreCache,
      customName: `${label} cargo fetch --target ${triple}`,
    });
    const lock = path.join('/', module.source, 'Cargo.lock');
    const source = set.locked
      ? inputs.context
      : inputs.context.file(copy(fetch.mount(SRC_DIR), lock, lock), {
          ignoreCache,
          customName: `${label} add the Cargo.lock cargo fetch resolved`,
        });
    const output = path.join(OUT_DIR, `${module.name}.wasm`);
    // Offline, on the toolchain (after any rustup target add), with the crates the fetch step wrote.
    const build = toolchain.run({
      args: [
        'sh',
        '-c',
        BUILD_SCRIPT,
        'cargo-build',
        artifactPath(module, triple, choice),
        output,
        SOURCES_STAMP,
        ...cargoBuildArgs(module, triple, choice),
      ],
      env: buildEnv(module, home),
      cwd,
      network: 'none',
      mounts: [
        // Writable for BUILD_SCRIPT's touch (a copy-on-write view); its output is never used.
        { type: 'bind', dest: SRC_DIR, source },
        { type: 'bind', dest: OUT_DIR, source: scratch() },
        targetMount(module),
        ...fetchedMounts(home, fetch),
      ],
      ignoreCache,
      customName: `${label} cargo build${module.profile === 'release' ? ' --release' : ''} --target ${triple} --bin ${choice.bin}`,
    });
    return {
      output: build.mount(OUT_DIR),
      path: `/${module.name}.wasm`,
      stripped: module.optimize.strip,
      ...(componentize ? { componentize: true } : {}),
    };
  },
};

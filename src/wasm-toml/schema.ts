import { JAVASCRIPT_TABLE, PYTHON_TABLE } from './component-languages.js';
import { EMULATIONS } from './emulations.js';
import type { FormatName } from './formats.js';

// The single source of truth for wasm.toml: every key, its type, default, allowed values and meaning.
// The validator walks this table, the TypeScript types of the normalized spec are derived from it
// (types.ts), and scripts/gen-wasm-toml.ts renders it as the JSON Schema and the reference doc.

/** The format version in which a key appeared; keys without `since` inherit their table's. */
export const FORMAT_VERSION = '1.0';

export const LANGUAGES = [
  'c',
  'cpp',
  'rust',
  'go',
  'tinygo',
  'assemblyscript',
  'zig',
  'javascript',
  'python',
] as const;
export type Language = (typeof LANGUAGES)[number];

export const TARGETS = ['wasip1', 'wasip2'] as const;
export const PROFILES = ['release', 'debug'] as const;
export const WASM_OPT_LEVELS = ['none', 'O1', 'O2', 'O3', 'O4', 'Os', 'Oz'] as const;
/** Methods a `request` may use; each is sent as written. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export const RUNTIMES = ['wasmtime', 'wazero', 'wasmer', 'wasmedge', 'node', 'containerd-wasmtime'] as const;
export type RuntimeName = (typeof RUNTIMES)[number];

interface KeyBase {
  readonly description: string;
  readonly since?: string;
}

/** A string; also the shape of list items and map values. */
export interface StringItem {
  readonly kind: 'string';
  readonly format: FormatName;
  /** `${ARG}` references to build args are expanded in this value (see interpolate.ts). */
  readonly interpolate?: true;
}

export interface EnumItem {
  readonly kind: 'enum';
  readonly values: readonly string[];
  /** Spellings from other tools, suggested as their equivalent ("c++" -> "cpp") but not accepted. */
  readonly aliases?: Readonly<Record<string, string>>;
}

export interface StringKey extends KeyBase, StringItem {
  readonly default?: string;
  /** The default depends on other keys; says how, for the doc. The validator computes it. */
  readonly computed?: string;
}

export interface EnumKey extends KeyBase, EnumItem {
  readonly default?: string;
  readonly computed?: string;
}

export interface BooleanKey extends KeyBase {
  readonly kind: 'boolean';
  readonly default?: boolean;
  readonly computed?: string;
}

export interface IntegerKey extends KeyBase {
  readonly kind: 'integer';
  readonly minimum: number;
  readonly maximum: number;
  readonly default?: number;
}

export interface ListKey extends KeyBase {
  readonly kind: 'list';
  readonly item: StringItem | EnumItem;
  readonly default?: readonly string[];
  readonly minItems?: number;
}

/** A table of string values under free keys (env, labels). Defaults to empty. */
export interface MapKey extends KeyBase {
  readonly kind: 'map';
  readonly keys: FormatName;
  readonly values: StringItem;
}

export interface TableKey extends KeyBase {
  readonly kind: 'table';
  readonly fields: Fields;
  /** Options for one language: allowed, and present in the normalized spec, only for that language. */
  readonly language?: Language;
  /** Present in the normalized spec only when written (otherwise filled with its defaults). */
  readonly optional?: true;
}

/** An array of tables, `[[name]]`. Defaults to empty. */
export interface TablesKey extends KeyBase {
  readonly kind: 'tables';
  readonly fields: Fields;
  /** Also accept one `[name]` table, normalized to an array of one. */
  readonly single?: true;
  /** At least one table must be written. */
  readonly required?: true;
}

export type Key = StringKey | EnumKey | BooleanKey | IntegerKey | ListKey | MapKey | TableKey | TablesKey;
export type Fields = Readonly<Record<string, Key>>;

const flagList = (description: string) =>
  ({
    kind: 'list',
    item: { kind: 'string', format: 'text', interpolate: true },
    default: [],
    description,
  }) as const;

const cFamily = <L extends 'c' | 'cpp'>(language: L, compiler: string, sources: readonly string[]) =>
  ({
    kind: 'table',
    language,
    description: `Options for ${language === 'c' ? 'C' : 'C++'} (wasi-sdk / clang).`,
    fields: {
      flags: flagList(`Compiler flags for \`${compiler}\`, e.g. \`["-Wall", "-DNDEBUG"]\`.`),
      defines: {
        kind: 'list',
        item: { kind: 'string', format: 'c-define', interpolate: true },
        default: [],
        description: 'Preprocessor macros to define, `NAME` or `NAME=VALUE` (each becomes `-DNAME=VALUE`).',
      },
      sources: {
        kind: 'list',
        item: { kind: 'string', format: 'glob' },
        default: sources,
        description: 'Glob patterns, relative to `source`, of the files to compile.',
      },
      'link-flags': flagList('Linker flags, e.g. `["-Wl,--export=add"]`.'),
      emulations: {
        kind: 'list',
        item: { kind: 'enum', values: EMULATIONS },
        default: [],
        description:
          'wasi-libc\'s emulations of what WASI lacks, e.g. `["process-clocks"]` for `clock()` and `times()`; ' +
          'each adds its define and library (`process-clocks` -> `-D_WASI_EMULATED_PROCESS_CLOCKS` ' +
          '`-lwasi-emulated-process-clocks`; likewise `signal`, `mman`, `getpid`).',
      },
    },
  }) as const;

const goFamily = <L extends 'go' | 'tinygo'>(language: L) =>
  ({
    kind: 'table',
    language,
    description: `Options for ${language === 'go' ? 'Go (`GOOS=wasip1 GOARCH=wasm go build`)' : 'TinyGo'}.`,
    fields: {
      tags: {
        kind: 'list',
        item: { kind: 'string', format: 'non-empty', interpolate: true },
        default: [],
        description: 'Build tags (`-tags`).',
      },
      ldflags: flagList(
        'Linker flags (`-ldflags`), one per element, e.g. `["-s", "-X main.version=${VERSION}"]`.',
      ),
      package: {
        kind: 'string',
        format: 'non-empty',
        default: '.',
        description:
          'The main package to build: a path relative to `source` (`./cmd/hello`) or an import path.',
      },
    },
  }) as const;

const toolchainFields = {
  image: {
    kind: 'string',
    format: 'image-reference',
    interpolate: true,
    description:
      'Image to build in instead of the built-in one, e.g. a mirror: `registry.local/rust` (tagged with ' +
      '`version` or the built-in version) or a full reference `registry.local/rust:1.82`.',
  },
  version: {
    kind: 'string',
    format: 'non-empty',
    interpolate: true,
    description: 'Toolchain version: the tag of the image, e.g. `1.82` for Rust or `1.23` for Go.',
  },
} as const;

const labelMap = (description: string) =>
  ({
    kind: 'map',
    keys: 'non-empty',
    values: { kind: 'string', format: 'text', interpolate: true },
    description,
  }) as const;

export const TEST_FIELDS = {
  name: {
    kind: 'string',
    format: 'non-empty',
    computed: '`test-<n>`, n counting from 1',
    description: "Name in the action's report; unique within the module.",
  },
  args: {
    kind: 'list',
    item: { kind: 'string', format: 'text' },
    default: [],
    description: 'Arguments passed to the module.',
  },
  env: {
    kind: 'map',
    keys: 'variable-name',
    values: { kind: 'string', format: 'text' },
    description: 'Environment variables of the run.',
  },
  stdin: {
    kind: 'string',
    format: 'data',
    default: '',
    description: "Text fed to the module's standard input. Not together with `stdin-file`.",
  },
  'stdin-file': {
    kind: 'string',
    format: 'relative-path',
    description:
      "A file in the build context fed to the module's standard input byte for byte (binary data, large " +
      'inputs). Not together with `stdin`.',
  },
  dirs: {
    kind: 'map',
    keys: 'relative-path',
    values: { kind: 'string', format: 'absolute-path' },
    description:
      'Directories to preopen: host directory (relative to the build context) = guest path, ' +
      'e.g. `{ "testdata" = "/data" }`.',
  },
  workdir: {
    kind: 'string',
    format: 'absolute-path',
    computed: "the module's `image.workdir`",
    description:
      "Working directory of the run (the counterpart of the image's `WorkingDir`), given to the module as `PWD`: " +
      'Go resolves relative paths against it. wasi-libc (C, C++) does not read it and starts in ' +
      '`/`: there, give relative paths from `/`, e.g. `testdata/1.json` with `dirs = { "cli/testdata" = "/testdata" }`.',
  },
  request: {
    kind: 'table',
    optional: true,
    description:
      'Makes the case an HTTP case, for a component that exports `wasi:http/incoming-handler`: the request ' +
      'sent to it, served by the runtime. Goes with `expect.status`, `expect.body`, `expect.headers`; not with ' +
      '`args`, `stdin` or the `expect` keys of a command.',
    fields: {
      method: { kind: 'enum', values: HTTP_METHODS, default: 'GET', description: 'The request method.' },
      path: { kind: 'string', format: 'http-path', default: '/', description: 'The path and query.' },
      headers: {
        kind: 'map',
        keys: 'header-name',
        values: { kind: 'string', format: 'text' },
        description: 'Request headers.',
      },
      body: { kind: 'string', format: 'data', default: '', description: 'The request body.' },
    },
  },
  expect: {
    kind: 'table',
    description: 'What the run must produce.',
    fields: {
      status: {
        kind: 'integer',
        minimum: 100,
        maximum: 599,
        description: 'HTTP cases: the response status.',
      },
      body: {
        kind: 'string',
        format: 'data',
        description: 'HTTP cases: the exact response body. Not together with `body-matches`.',
      },
      'body-matches': {
        kind: 'string',
        format: 'regex',
        description: 'HTTP cases: a regular expression the response body must contain a match of.',
      },
      headers: {
        kind: 'map',
        keys: 'header-name',
        values: { kind: 'string', format: 'text' },
        description:
          'HTTP cases: response headers that must be there with these values (other headers may be too).',
      },
      stdout: { kind: 'string', format: 'data', description: 'The exact standard output.' },
      'stdout-file': {
        kind: 'string',
        format: 'relative-path',
        description:
          'A file in the build context the standard output must equal byte for byte (binary output, large ' +
          'expectations). Not together with `stdout` or `stdout-matches`.',
      },
      'stdout-matches': {
        kind: 'string',
        format: 'regex',
        description:
          'A regular expression the standard output must contain a match of (JavaScript syntax, `u` flag; ' +
          'anchor it with `^` and `$`). Not together with `stdout`.',
      },
      'exit-code': { kind: 'integer', minimum: 0, maximum: 255, default: 0, description: 'The exit code.' },
    },
  },
  runtimes: {
    kind: 'list',
    item: { kind: 'enum', values: RUNTIMES },
    minItems: 1,
    description: 'Run only on these runtimes (default: every runtime the action is given).',
  },
} as const satisfies Fields;

export const MODULE_FIELDS = {
  name: {
    kind: 'string',
    format: 'file-stem',
    computed:
      'derived from `output`, `rust.bin`, `rust.package`, `go.package` / `tinygo.package` or `source`, ' +
      'in that order; required when none is set',
    description: 'Module name: the image holds `<name>.wasm`, and `--target <name>` selects the module.',
  },
  description: {
    kind: 'string',
    format: 'non-empty',
    description: 'One line shown in the list of targets (`docker buildx build --call=targets`).',
  },
  language: {
    kind: 'enum',
    values: LANGUAGES,
    aliases: {
      'c++': 'cpp',
      cxx: 'cpp',
      golang: 'go',
      as: 'assemblyscript',
      js: 'javascript',
      typescript: 'javascript',
      ts: 'javascript',
      py: 'python',
    },
    description: 'Source language: picks the toolchain and how to build. Omit it only with a custom `build`.',
  },
  build: {
    kind: 'list',
    item: { kind: 'string', format: 'text', interpolate: true },
    minItems: 1,
    description:
      'A custom build command as an argument list, run in `source` (no shell: write ' +
      '`["sh", "-c", "..."]` for one). Needs `output`, and `toolchain.image` when there is no `language`.',
  },
  output: {
    kind: 'string',
    format: 'relative-path',
    description: 'With `build`: where the command writes the module, relative to `source`.',
  },
  source: {
    kind: 'string',
    format: 'relative-path',
    default: '.',
    description: "Directory of the module's sources, relative to the build context.",
  },
  include: {
    kind: 'list',
    item: { kind: 'string', format: 'glob' },
    default: [],
    description:
      'Glob patterns, relative to `source`, of the files the build sees (empty: all). Narrow patterns keep ' +
      'unrelated changes from invalidating the build cache.',
  },
  exclude: {
    kind: 'list',
    item: { kind: 'string', format: 'glob' },
    default: [],
    description:
      'Glob patterns, relative to `source`, of files the build does not see, e.g. `["target/**"]`.',
  },
  target: {
    kind: 'enum',
    values: TARGETS,
    computed: '`wasip2` for `javascript` and `python` (they build only components), else `wasip1`',
    aliases: {
      'wasm32-wasi': 'wasip1',
      'wasm32-wasip1': 'wasip1',
      'wasm32-wasip2': 'wasip2',
      wasi: 'wasip1',
    },
    description: '`wasip1`: a core module for WASI preview 1. `wasip2`: a component for WASI 0.2.',
  },
  profile: {
    kind: 'enum',
    values: PROFILES,
    default: 'release',
    aliases: { dev: 'debug' },
    description: '`release` optimises; `debug` keeps debug info and assertions.',
  },
  env: {
    kind: 'map',
    keys: 'variable-name',
    values: { kind: 'string', format: 'text', interpolate: true },
    description: 'Environment variables of the build.',
  },
  secrets: {
    kind: 'list',
    item: { kind: 'string', format: 'secret-id' },
    default: [],
    description:
      'Build secrets every build step of the module mounts at `/run/secrets/<id>`, read-only: given with ' +
      "`--secret id=<id>,...` (buildx, the CLI) or the action's `secrets` input, never as build args, and " +
      'kept out of the image and the cache keys. A build without one of them fails.',
  },
  c: cFamily('c', 'clang', ['**/*.c']),
  cpp: cFamily('cpp', 'clang++', ['**/*.cc', '**/*.cpp', '**/*.cxx']),
  rust: {
    kind: 'table',
    language: 'rust',
    description: 'Options for Rust (cargo).',
    fields: {
      features: {
        kind: 'list',
        item: { kind: 'string', format: 'cargo-feature', interpolate: true },
        default: [],
        description: 'Cargo features to enable (`--features`).',
      },
      'default-features': {
        kind: 'boolean',
        default: true,
        description: "Build with the package's default features (`false`: `--no-default-features`).",
      },
      package: {
        kind: 'string',
        format: 'non-empty',
        description: 'Workspace package to build (`--package`).',
      },
      bin: {
        kind: 'string',
        format: 'non-empty',
        description: 'Binary target to build (`--bin`), needed when the package has several.',
      },
    },
  },
  go: goFamily('go'),
  tinygo: goFamily('tinygo'),
  assemblyscript: {
    kind: 'table',
    language: 'assemblyscript',
    description: 'Options for AssemblyScript (`asc`).',
    fields: {
      entry: {
        kind: 'string',
        format: 'relative-path',
        default: 'assembly/index.ts',
        description: 'Entry file, relative to `source`.',
      },
      options: flagList('Extra `asc` options, e.g. `["--runtime", "stub"]`.'),
    },
  },
  zig: {
    kind: 'table',
    language: 'zig',
    description: 'Options for Zig (`zig build-exe`).',
    fields: {
      root: {
        kind: 'string',
        format: 'relative-path',
        default: 'src/main.zig',
        description: 'Root source file, relative to `source`.',
      },
      options: flagList('Extra `zig build-exe` options.'),
    },
  },
  javascript: JAVASCRIPT_TABLE,
  python: PYTHON_TABLE,
  optimize: {
    kind: 'table',
    description: 'Post-link optimisation.',
    fields: {
      'wasm-opt': {
        kind: 'enum',
        values: WASM_OPT_LEVELS,
        aliases: {
          O0: 'none',
          '-O0': 'none',
          '-O1': 'O1',
          '-O2': 'O2',
          '-O3': 'O3',
          '-O4': 'O4',
          '-Os': 'Os',
          '-Oz': 'Oz',
        },
        default: 'none',
        description:
          'Binaryen `wasm-opt` level; `none` skips it (a release build is still stripped at link time). Not for components (`wasip2`).',
      },
      strip: {
        kind: 'boolean',
        computed: '`true` for release, `false` for debug',
        description: 'Remove debug info and the name section from the module.',
      },
    },
  },
  image: {
    kind: 'table',
    description: 'The image config: how a container runtime runs the module.',
    fields: {
      args: {
        kind: 'list',
        item: { kind: 'string', format: 'text' },
        default: [],
        description: "Default arguments of the module (the image's `Cmd`).",
      },
      env: {
        kind: 'map',
        keys: 'variable-name',
        values: { kind: 'string', format: 'text' },
        description: 'Environment variables of the module (`Env`).',
      },
      workdir: {
        kind: 'string',
        format: 'absolute-path',
        default: '/',
        description: 'Working directory of the module (`WorkingDir`).',
      },
      labels: labelMap('Image labels, e.g. `{ "org.opencontainers.image.version" = "${VERSION}" }`.'),
      annotations: labelMap('Manifest annotations.'),
    },
  },
  toolchain: {
    kind: 'table',
    description:
      'The toolchain image that builds the module. Keys not set here come from `[toolchains.<language>]`, ' +
      "then from the frontend's built-in image.",
    fields: toolchainFields,
  },
  test: {
    kind: 'tables',
    description: 'Test-runs of the module, for the action: each runs on every runtime (or on `runtimes`).',
    fields: TEST_FIELDS,
  },
} as const satisfies Fields;

const toolchainsFor = <L extends Language>(language: L) =>
  ({
    kind: 'table',
    language,
    description: `Toolchain for ${language} modules.`,
    fields: toolchainFields,
  }) as const;

export const ROOT_FIELDS = {
  'build-args': {
    kind: 'map',
    keys: 'variable-name',
    values: { kind: 'string', format: 'text' },
    description:
      'Build arguments and their defaults. `--build-arg NAME=value` overrides one; `${NAME}` uses it in the ' +
      'values that say so.',
  },
  toolchains: {
    kind: 'table',
    description: 'Toolchain defaults per language for every module, e.g. to build everything from a mirror.',
    fields: {
      c: toolchainsFor('c'),
      cpp: toolchainsFor('cpp'),
      rust: toolchainsFor('rust'),
      go: toolchainsFor('go'),
      tinygo: toolchainsFor('tinygo'),
      assemblyscript: toolchainsFor('assemblyscript'),
      zig: toolchainsFor('zig'),
      javascript: toolchainsFor('javascript'),
      python: toolchainsFor('python'),
    },
  },
  image: {
    kind: 'table',
    optional: true,
    description:
      'One image holding every module (each as `<name>.wasm`) instead of one image per module; ' +
      '`--target` then picks the entrypoint.',
    fields: {
      entrypoint: {
        kind: 'string',
        format: 'file-stem',
        computed: 'the first module',
        description: "The module the image runs; its `[module.image]` gives the image's config.",
      },
      labels: labelMap("Image labels, merged over the entrypoint module's."),
      annotations: labelMap("Manifest annotations, merged over the entrypoint module's."),
    },
  },
  module: {
    kind: 'tables',
    single: true,
    required: true,
    description:
      'The module to build, `[module]`, or several, `[[module]]`: `--target <name>` picks one, default the first.',
    fields: MODULE_FIELDS,
  },
} as const satisfies Fields;

/** The document itself, as a table key, so that walkers can start from one node. */
export const ROOT = {
  kind: 'table',
  since: FORMAT_VERSION,
  description: 'wasm.toml',
  fields: ROOT_FIELDS,
} as const satisfies TableKey;

import type { SpecData } from '../../../src/wasm-toml/index.js';

/** Deep partial of the normalized spec, for cases that assert only what they are about. */
type Partial2<T> = T extends (infer U)[]
  ? Partial2<U>[]
  : T extends object
    ? { [K in keyof T]?: Partial2<T[K]> }
    : T;

export interface ValidCase {
  name: string;
  toml: string;
  /** Compared with toEqual when `exact`, else with toMatchObject. */
  expected: Partial2<SpecData>;
  exact?: true;
}

const image = { args: [], env: {}, workdir: '/', labels: {}, annotations: {} };

export const VALID_CASES: ValidCase[] = [
  {
    name: 'the minimal C module gets every default',
    toml: `# syntax=ghcr.io/acme/wasm-frontend:v1
[module]
name = "hello"
language = "c"
`,
    exact: true,
    expected: {
      'build-args': {},
      toolchains: {},
      module: [
        {
          name: 'hello',
          language: 'c',
          source: '.',
          include: [],
          exclude: [],
          target: 'wasip1',
          profile: 'release',
          env: {},
          secrets: [],
          c: { flags: [], defines: [], sources: ['**/*.c'], 'link-flags': [] },
          optimize: { 'wasm-opt': 'none', strip: true },
          image,
          toolchain: {},
          test: [],
        },
      ],
    },
  },
  {
    name: 'a custom build with no language: name from output, no language options',
    toml: `[module]
build = ["sh", "-c", "make wasm"]
output = "out/app.wasm"
profile = "debug"
toolchain.image = "registry.local/builder:2"
`,
    exact: true,
    expected: {
      'build-args': {},
      toolchains: {},
      module: [
        {
          name: 'app',
          build: ['sh', '-c', 'make wasm'],
          output: 'out/app.wasm',
          source: '.',
          include: [],
          exclude: [],
          target: 'wasip1',
          profile: 'debug',
          env: {},
          secrets: [],
          optimize: { 'wasm-opt': 'none', strip: false },
          image,
          toolchain: { image: 'registry.local/builder:2' },
          test: [],
        },
      ],
    },
  },
  {
    name: 'a Rust component: wasm-opt defaults to none, options from an inline table',
    toml: `[module]
name = "greeter"
language = "rust"
target = "wasip2"
rust = { features = ["json", "cli"], default-features = false, bin = "greeter" }
`,
    expected: {
      module: [
        {
          target: 'wasip2',
          rust: { features: ['json', 'cli'], 'default-features': false, bin: 'greeter' },
          optimize: { 'wasm-opt': 'none', strip: true },
        },
      ],
    },
  },
  {
    name: 'dotted keys, sub-table headers and inline tables mean the same',
    toml: `[module]
name = "hello"
language = "cpp"
cpp.flags = ["-Wall"]
optimize = { wasm-opt = "O3", strip = false }

[module.image]
args = ["--verbose"]
env.RUST_LOG = "debug"
`,
    expected: {
      module: [
        {
          cpp: {
            flags: ['-Wall'],
            defines: [],
            sources: ['**/*.cc', '**/*.cpp', '**/*.cxx'],
            'link-flags': [],
          },
          optimize: { 'wasm-opt': 'O3', strip: false },
          image: { args: ['--verbose'], env: { RUST_LOG: 'debug' }, workdir: '/' },
        },
      ],
    },
  },
  {
    name: 'names derive from rust.package, go.package and source',
    toml: `[[module]]
language = "rust"
rust.package = "my-crate"

[[module]]
language = "go"
go.package = "./cmd/hello"

[[module]]
language = "zig"
source = "./tools/zigtool/"
`,
    expected: {
      module: [
        { name: 'my-crate', rust: { package: 'my-crate' } },
        { name: 'hello', go: { package: './cmd/hello', tags: [], ldflags: [] } },
        { name: 'zigtool', source: 'tools/zigtool', zig: { root: 'src/main.zig', options: [] } },
      ],
    },
  },
  {
    name: 'tests: names default to test-<n>, expect defaults to exit code 0',
    toml: `[module]
name = "echo"
language = "tinygo"
target = "wasip2"

[[module.test]]
args = ["hi"]
expect.stdout = "hi\\n"

[[module.test]]
name = "reads stdin"
stdin = """
line one
"""
dirs = { "testdata" = "/data" }
env = { MODE = "strict" }
runtimes = ["wasmtime"]
expect = { stdout-matches = '^line \\w+$', exit-code = 1 }
`,
    expected: {
      module: [
        {
          test: [
            {
              name: 'test-1',
              args: ['hi'],
              env: {},
              stdin: '',
              dirs: {},
              expect: { stdout: 'hi\n', 'exit-code': 0 },
            },
            {
              name: 'reads stdin',
              args: [],
              stdin: 'line one\n',
              dirs: { testdata: '/data' },
              env: { MODE: 'strict' },
              runtimes: ['wasmtime'],
              expect: { 'stdout-matches': '^line \\w+$', 'exit-code': 1 },
            },
          ],
        },
      ],
    },
  },
  {
    name: 'one image for all modules: the entrypoint defaults to the first module',
    toml: `[image]
labels = { "org.opencontainers.image.title" = "tools" }

[[module]]
name = "fmt"
language = "assemblyscript"

[[module]]
name = "lint"
language = "assemblyscript"
assemblyscript.options = ["--runtime", "stub"]
`,
    expected: {
      image: { entrypoint: 'fmt', labels: { 'org.opencontainers.image.title': 'tools' }, annotations: {} },
      module: [
        { name: 'fmt', assemblyscript: { entry: 'assembly/index.ts', options: [] } },
        { name: 'lint', assemblyscript: { options: ['--runtime', 'stub'] } },
      ],
    },
  },
  {
    name: 'toolchains: per-language defaults merge key by key under the module',
    toml: `[toolchains.rust]
image = "registry.local/rust"
version = "1.80"

[toolchains.go]
image = "registry.local/golang:1.23"

[[module]]
name = "a"
language = "rust"
toolchain.version = "1.82"

[[module]]
name = "b"
language = "go"

[[module]]
name = "c"
language = "c"
`,
    expected: {
      toolchains: {
        rust: { image: 'registry.local/rust', version: '1.80' },
        go: { image: 'registry.local/golang:1.23' },
      },
      module: [
        { toolchain: { image: 'registry.local/rust', version: '1.82' } },
        { toolchain: { image: 'registry.local/golang:1.23' } },
        { toolchain: {} },
      ],
    },
  },
  {
    name: 'build args: references are kept until applyBuildArgs',
    toml: `[build-args]
VERSION = "dev"
GO_VERSION = "1.23"

[module]
name = "svc"
language = "go"
env = { CGO_ENABLED = "0", COST = "$$5" }
go.ldflags = ["-s", "-X main.version=\${VERSION}"]
toolchain.version = "\${GO_VERSION}"
image.labels = { "org.opencontainers.image.version" = "\${VERSION}" }
`,
    expected: {
      'build-args': { VERSION: 'dev', GO_VERSION: '1.23' },
      module: [
        {
          env: { CGO_ENABLED: '0', COST: '$$5' },
          go: { ldflags: ['-s', '-X main.version=${VERSION}'] },
          toolchain: { version: '${GO_VERSION}' },
          image: { labels: { 'org.opencontainers.image.version': '${VERSION}' } },
        },
      ],
    },
  },
  {
    name: 'a custom build keeps its language (for the toolchain) but gets no language options',
    toml: `[module]
name = "plugin"
language = "go"
target = "wasip2"
build = ["./build-component.sh"]
output = "dist/plugin.wasm"
include = ["**/*.go", "go.mod", "go.sum", "build-component.sh"]
exclude = ["dist/**"]
`,
    expected: {
      module: [
        {
          language: 'go',
          target: 'wasip2',
          build: ['./build-component.sh'],
          include: ['**/*.go', 'go.mod', 'go.sum', 'build-component.sh'],
          exclude: ['dist/**'],
        },
      ],
    },
  },
  {
    name: 'C options: defines, sources, link flags',
    toml: `[module]
name = "calc"
description = "A calculator"
language = "c"
source = "native"
env.CFLAGS_EXTRA = "-g"

[module.c]
defines = ["NDEBUG", "VERSION=2"]
sources = ["src/**/*.c"]
link-flags = ["-Wl,--export=add"]
`,
    expected: {
      module: [
        {
          description: 'A calculator',
          source: 'native',
          env: { CFLAGS_EXTRA: '-g' },
          c: {
            flags: [],
            defines: ['NDEBUG', 'VERSION=2'],
            sources: ['src/**/*.c'],
            'link-flags': ['-Wl,--export=add'],
          },
        },
      ],
    },
  },
];

// `wasm-build init [DIR]`: a first wasm.toml for an existing project, like `docker init` or
// `cargo component new`. It looks at the files that say which language the project is in, writes the
// keys that differ from the defaults, comments the ones a user usually sets next, and one test case.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_FRONTEND } from '../version.js';
import { COMPONENT_ONLY_LANGUAGES } from '../wasm-toml/component-languages.js';
import { parseWasmToml, formatSpecError, type Language } from '../wasm-toml/index.js';

export class InitError extends Error {
  override readonly name = 'InitError';
}

/** What init found: the module table's lines, beyond the defaults, and why it chose the language. */
export interface Detection {
  language: Language;
  name: string;
  /** What the detection is based on, for the header comment and the CLI's message. */
  evidence: string;
  /** Extra `[module]` lines (keys, or comments starting with `#`). */
  moduleLines: string[];
  /** A `[module.<language>]` table's lines, when a default does not fit. */
  languageLines: string[];
}

/** Directories that hold build output, dependencies or test data, never a project's own sources. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  'target',
  'vendor',
  'testdata',
  'zig-cache',
  'zig-out',
  'build',
]);
const MAX_DEPTH = 4;

/** Paths of the files under `dir` (relative, `/`-separated, sorted), skipping hidden and output dirs. */
function listFiles(dir: string, depth = 0, prefix = ''): string[] {
  if (depth > MAX_DEPTH) return [];
  const files: string[] = [];
  const entries = readdirSync(path.join(dir, prefix), { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) files.push(...listFiles(dir, depth + 1, rel));
    } else if (entry.isFile()) files.push(rel);
  }
  return files;
}

/** A module name from any string: the characters a file stem allows, starting with a letter or digit. */
export function moduleName(raw: string): string {
  const name = raw
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100)
    .replace(/\.wasm$/, '');
  return name || 'module';
}

/** A TOML basic string: JSON's escapes (\", \\, \n, \uXXXX) are all valid TOML. */
const str = (s: string): string => JSON.stringify(s);

/** `name = "..."` of Cargo.toml's [package] table. */
function cargoPackageName(text: string): string | undefined {
  const pkg = /^\s*\[package\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/m.exec(text)?.[1] ?? '';
  return /^\s*name\s*=\s*"([^"]+)"/m.exec(pkg)?.[1];
}

function detectRust(dir: string, files: string[]): Detection {
  const name = cargoPackageName(readFileSync(path.join(dir, 'Cargo.toml'), 'utf8'));
  return {
    language: 'rust',
    name: moduleName(name ?? path.basename(dir)),
    evidence: 'Cargo.toml',
    moduleLines: [
      '# The files the build sees (default: all); narrower patterns keep edits elsewhere from rebuilding:',
      `# include = [${['Cargo.toml', ...(files.includes('Cargo.lock') ? ['Cargo.lock'] : []), 'src/**']
        .map(str)
        .join(', ')}]`,
    ],
    languageLines: [],
  };
}

function detectGo(dir: string, files: string[]): Detection {
  const modulePath = /^\s*module\s+(\S+)/m.exec(readFileSync(path.join(dir, 'go.mod'), 'utf8'))?.[1];
  // The main package: the first directory (shallowest, then by name) with a .go file in `package main`.
  const mains = files
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
    .filter((f) => /^\s*package\s+main\b/m.test(readFileSync(path.join(dir, f), 'utf8')))
    .map((f) => path.posix.dirname(f))
    .sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0));
  const pkg = mains[0] ?? '.';
  const lastSegment = (modulePath ?? '')
    .split('/')
    .filter((s) => !/^v\d+$/.test(s))
    .pop();
  const name = pkg === '.' ? (lastSegment ?? path.basename(dir)) : path.posix.basename(pkg);
  return {
    language: 'go',
    name: moduleName(name),
    evidence: mains.length ? `go.mod and package main in ${pkg === '.' ? '.' : `./${pkg}`}` : 'go.mod',
    moduleLines: [
      '# language = "tinygo" builds with TinyGo instead (smaller modules, a subset of the standard library).',
      '# The files the build sees (default: all); narrower patterns keep edits elsewhere from rebuilding:',
      `# include = [${['go.mod', ...(files.includes('go.sum') ? ['go.sum'] : []), '**/*.go'].map(str).join(', ')}]`,
    ],
    languageLines: pkg === '.' ? [] : ['# The main package to build.', `package = ${str(`./${pkg}`)}`],
  };
}

function detectZig(dir: string, files: string[]): Detection {
  const sources = files.filter((f) => f.endsWith('.zig') && f !== 'build.zig');
  const root = sources.includes('src/main.zig')
    ? 'src/main.zig'
    : (sources.find((f) => path.posix.basename(f) === 'main.zig') ?? sources[0]);
  return {
    language: 'zig',
    name: moduleName(path.basename(dir)),
    evidence: files.includes('build.zig') ? 'build.zig' : `${root}`,
    moduleLines: [],
    languageLines:
      root === undefined || root === 'src/main.zig'
        ? []
        : ['# The root source file (`zig build-exe` builds from it).', `root = ${str(root)}`],
  };
}

/** package.json's name (without its scope) and the packages it depends on, if it parses. */
function npmPackage(dir: string): { name?: string; deps: string[] } | undefined {
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const deps = ['dependencies', 'devDependencies'].flatMap((k) =>
    typeof pkg[k] === 'object' && pkg[k] !== null ? Object.keys(pkg[k]) : [],
  );
  return { name: typeof pkg.name === 'string' ? pkg.name.replace(/^@[^/]*\//, '') : undefined, deps };
}

function detectAssemblyScript(dir: string, files: string[], pkgName?: string): Detection {
  const entry = files.includes('assembly/index.ts')
    ? 'assembly/index.ts'
    : files.find((f) => f.startsWith('assembly/') && f.endsWith('.ts'));
  const entryDir = entry ? path.posix.dirname(entry) : 'assembly';
  const lock = ['package-lock.json', 'npm-shrinkwrap.json'].filter((f) => files.includes(f));
  return {
    language: 'assemblyscript',
    name: moduleName(pkgName ?? path.basename(dir)),
    evidence: 'package.json with assemblyscript',
    moduleLines: [
      '# What the build sees: the sources and the npm manifest, never a local node_modules.',
      `include = [${[`${entryDir}/**`, 'package.json', ...lock].map(str).join(', ')}]`,
    ],
    languageLines:
      entry === undefined || entry === 'assembly/index.ts'
        ? []
        : ['# The entry file asc compiles.', `entry = ${str(entry)}`],
  };
}

const COMPONENTIZE_JS = '@bytecodealliance/componentize-js';
const HTTP_WORLD = 'wasi:http/proxy';

function detectJavaScript(dir: string, files: string[], pkgName?: string): Detection {
  const candidates = ['src/index.ts', 'src/index.js', 'index.ts', 'index.js'];
  const entry = candidates.find((f) => files.includes(f)) ?? 'src/index.js';
  const source = existsSync(path.join(dir, entry)) ? readFileSync(path.join(dir, entry), 'utf8') : '';
  // The fetch event or an explicit handler export makes it an HTTP handler; anything else a command.
  const http = /addEventListener\(\s*['"]fetch['"]|incomingHandler/.test(source);
  const lock = ['package-lock.json', 'npm-shrinkwrap.json'].filter((f) => files.includes(f));
  const entryDir = path.posix.dirname(entry);
  return {
    language: 'javascript',
    name: moduleName(pkgName ?? path.basename(dir)),
    evidence: `package.json with ${COMPONENTIZE_JS}`,
    moduleLines: [
      '# What the build sees: the sources and the npm manifest, never a local node_modules.',
      `include = [${[entryDir === '.' ? entry : `${entryDir}/**`, 'package.json', ...lock].map(str).join(', ')}]`,
    ],
    languageLines: [
      ...(entry === 'src/index.js' ? [] : ['# The entry module esbuild bundles.', `entry = ${str(entry)}`]),
      ...(http
        ? [
            '# An HTTP handler: the component exports wasi:http/incoming-handler.',
            `world = ${str(HTTP_WORLD)}`,
          ]
        : []),
    ],
  };
}

/** A Python module implementing a componentize-py world: `class Run(exports.Run)` and the like. */
const WORLD_CLASS = /^class\s+\w+\(\s*exports\.(Run|IncomingHandler)\s*\)/m;

function detectPython(dir: string, files: string[]): Detection | undefined {
  const app = files
    .filter((f) => f.endsWith('.py'))
    .sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0))
    .map((f) => ({ f, kind: WORLD_CLASS.exec(readFileSync(path.join(dir, f), 'utf8'))?.[1] }))
    .find((p) => p.kind !== undefined);
  if (!app) return undefined;
  const module = app.f.replace(/(\/__init__)?\.py$/, '').replaceAll('/', '.');
  return {
    language: 'python',
    name: moduleName(path.basename(dir)),
    evidence: `${app.f} with class ...(exports.${app.kind})`,
    moduleLines: [
      '# What the build sees: the Python sources and requirements.txt (pure-Python packages only).',
      `include = [${['**/*.py', ...(files.includes('requirements.txt') ? ['requirements.txt'] : [])].map(str).join(', ')}]`,
    ],
    languageLines: [
      ...(module === 'app' ? [] : ['# The module that implements the world.', `app = ${str(module)}`]),
      ...(app.kind === 'IncomingHandler'
        ? [
            '# An HTTP handler: the component exports wasi:http/incoming-handler.',
            `world = ${str(HTTP_WORLD)}`,
          ]
        : []),
    ],
  };
}

function detectC(dir: string, files: string[]): Detection | undefined {
  const cpp = files.filter((f) => /\.(cc|cpp|cxx)$/.test(f));
  const c = files.filter((f) => f.endsWith('.c'));
  if (cpp.length === 0 && c.length === 0) return undefined;
  const language = cpp.length > 0 ? 'cpp' : 'c';
  return {
    language,
    name: moduleName(path.basename(dir)),
    evidence: `${language === 'cpp' ? 'C++' : 'C'} sources (${(cpp.length ? cpp : c).slice(0, 3).join(', ')})`,
    moduleLines: [],
    languageLines: [
      language === 'cpp'
        ? '# Compiler flags (WASI has no C++ exceptions), e.g. ["-fno-exceptions", "-std=c++17"]:'
        : '# Compiler flags, e.g. ["-Wall", "-O2"]:',
      ...(language === 'cpp' ? ['flags = ["-fno-exceptions"]'] : ['# flags = []']),
      `# The files to compile (default: every ${language === 'cpp' ? '.cc, .cpp and .cxx' : '.c'} file):`,
      `# sources = [${str(language === 'cpp' ? '**/*.cpp' : '**/*.c')}]`,
    ],
  };
}

/** Which language the project in `dir` is in, from its files; undefined when none says. */
export function detectProject(dir: string): Detection | undefined {
  const files = listFiles(dir);
  if (files.includes('Cargo.toml')) return detectRust(dir, files);
  if (files.includes('go.mod')) return detectGo(dir, files);
  if (files.includes('build.zig') || files.some((f) => f.endsWith('.zig'))) return detectZig(dir, files);
  const npm = files.includes('package.json') ? npmPackage(dir) : undefined;
  if (npm?.deps.includes('assemblyscript')) return detectAssemblyScript(dir, files, npm.name);
  if (npm?.deps.includes(COMPONENTIZE_JS)) return detectJavaScript(dir, files, npm.name);
  return detectPython(dir, files) ?? detectC(dir, files);
}

/** The wasm.toml text for a detection, `# syntax=` first as the examples have it. */
export function renderWasmToml(d: Detection, frontend: string): string {
  const lines = [
    `# syntax=${frontend}`,
    `# Written by \`wasm-build init\` from ${d.evidence}.`,
    '# `wasm-build build` builds it into an OCI image, `wasm-build test` also runs the [[module.test]]',
    '# cases on WebAssembly runtimes. Every key:',
    '# https://github.com/wasm-build/wasm-build-action/blob/main/docs/wasm-toml.md',
    '[module]',
    `name = ${str(d.name)}`,
    `language = ${str(d.language)}`,
    ...(COMPONENT_ONLY_LANGUAGES.includes(d.language)
      ? []
      : ['# target = "wasip2" builds a WASI 0.2 component instead of a WASI preview 1 core module.']),
    ...d.moduleLines,
  ];
  if (d.languageLines.length) lines.push('', `[module.${d.language}]`, ...d.languageLines);
  // An HTTP handler answers requests, which a command's test case does not make.
  if (d.languageLines.includes(`world = ${str(HTTP_WORLD)}`)) return [...lines, ''].join('\n');
  lines.push(
    '',
    '# A first test case: complete it with what your program takes and prints, then add more. Only',
    '# `wasm-build test` runs them; `build` does not.',
    '[[module.test]]',
    'name = "runs"',
    'args = []',
    '# env = { NAME = "value" }',
    '# stdin = "input\\n"',
    '# Preopened directories, host (relative to this file) = guest path:',
    '# dirs = { "testdata" = "/data" }',
    '# expect.stdout = "the exact output\\n"',
    'expect.exit-code = 0',
    '',
  );
  return lines.join('\n');
}

/** Writes DIR/wasm.toml; returns what it wrote and why. Refuses an existing file or an unknown project. */
export function initProject(dir: string, frontend: string): { file: string; detection: Detection } {
  const file = path.join(dir, 'wasm.toml');
  if (existsSync(file)) {
    throw new InitError(`${file} already exists; init never overwrites one (edit it, or remove it first)`);
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InitError(`${dir}: no such directory`);
  const detection = detectProject(dir);
  if (!detection) {
    throw new InitError(
      `${dir}: found no Cargo.toml, go.mod, build.zig or .zig file, package.json depending on ` +
        `assemblyscript or ${COMPONENTIZE_JS}, Python module with a componentize-py world class, nor ` +
        'C or C++ sources; write wasm.toml by hand (a custom `build` command builds any other language)',
    );
  }
  const text = renderWasmToml(detection, frontend);
  // The file must be one wasm-build itself accepts: a generated file that does not parse is a bug here.
  const parsed = parseWasmToml(text, { filename: file });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => formatSpecError(e, text)).join('\n'));
  writeFileSync(file, text, { flag: 'wx' });
  return { file, detection };
}

export const INIT_HELP = `Usage: wasm-build init [--frontend IMAGE] [DIR]

Writes DIR/wasm.toml (default ./wasm.toml) for the project in DIR: Rust (Cargo.toml), Go (go.mod), Zig
(build.zig or .zig files), AssemblyScript (package.json depending on assemblyscript), JavaScript or
TypeScript (package.json depending on @bytecodealliance/componentize-js), Python (a module with a
componentize-py world class, e.g. \`class Run(exports.Run)\`), C or C++ sources.
Its first line is \`# syntax=IMAGE\` (default $WASM_BUILD_FRONTEND, else ${DEFAULT_FRONTEND}). An existing
wasm.toml is never overwritten.
`;

/** The `init` command: exit 0 written, 2 bad usage, an existing wasm.toml or a project it cannot tell. */
export function initCommand(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { frontend: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    process.stderr.write(`wasm-build init: ${e instanceof Error ? e.message : String(e)}\n${INIT_HELP}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(INIT_HELP);
    return 0;
  }
  if (parsed.positionals.length > 1) {
    process.stderr.write(`wasm-build init: one directory at most (got ${parsed.positionals.join(' ')})\n`);
    return 2;
  }
  const dir = parsed.positionals[0] ?? '.';
  try {
    const { file, detection } = initProject(
      dir,
      parsed.values.frontend ?? env.WASM_BUILD_FRONTEND ?? DEFAULT_FRONTEND,
    );
    process.stderr.write(
      `wrote ${file}: module "${detection.name}" in ${detection.language}, from ${detection.evidence}\n` +
        `next: complete its [[module.test]], then \`wasm-build test ${dir}\`\n`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof InitError)) throw e;
    process.stderr.write(`wasm-build init: ${e.message}\n`);
    return 2;
  }
}

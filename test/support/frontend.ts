// Building through the wasm-build frontend on the testbed, the way users do: a copy of an example whose
// `# syntax=` line names the testbed's frontend image, built with buildx (or buildctl).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, type Testbed } from './testbed.js';
import { run, type RunResult } from './exec.js';

/** Copies examples/<name> to a temp dir and points its wasm.toml's `# syntax=` line at the local frontend. */
export function prepareExample(tb: Testbed, name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  cpSync(path.join(repoRoot, 'examples', name), dir, { recursive: true });
  withSyntax(tb, path.join(dir, 'wasm.toml'));
  return dir;
}

/** Rewrites (or adds) the first-line syntax directive of a definition file. */
export function withSyntax(tb: Testbed, file: string, text = readFileSync(file, 'utf8')): void {
  const lines = text.split('\n');
  const directive = `# syntax=${tb.images.frontend}`;
  if (lines[0]?.startsWith('# syntax=')) lines[0] = directive;
  else lines.unshift(directive);
  writeFileSync(file, lines.join('\n'));
}

/** Build args that point every language at the testbed's toolchain images (no public registry here). */
export function toolchainArgs(tb: Testbed): string[] {
  const args: string[] = [];
  for (const [lang, key] of [
    ['C', 'toolchain_c'],
    ['CPP', 'toolchain_c'],
    ['RUST', 'toolchain_rust'],
    ['GO', 'toolchain_go'],
    ['ASSEMBLYSCRIPT', 'toolchain_assemblyscript'],
    ['ZIG', 'toolchain_zig'],
    ['JAVASCRIPT', 'toolchain_javascript'],
    ['PYTHON', 'toolchain_python'],
  ] as const) {
    const ref = tb.images[key];
    if (ref) args.push(`--build-arg=WASM_TOOLCHAIN_IMAGE_${lang}=${ref}`);
  }
  return args;
}

export function buildx(tb: Testbed, dir: string, args: readonly string[]): Promise<RunResult> {
  return run(
    'buildx',
    ['build', '--progress=plain', '-f', path.join(dir, 'wasm.toml'), ...toolchainArgs(tb), ...args, dir],
    {
      env: tb.env,
    },
  );
}

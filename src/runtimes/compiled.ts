// Compiled forms of a module (wasmtime's .cwasm, wazero's cache, jco's transpiled JavaScript): where each
// lives, keyed by the module's digest and what compiled it, and how one is written so it is whole or absent.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { LoadRequest } from './runtime.js';

/**
 * `<cacheDir>/<compiler>/<name>`: `compiler` names what made it, with its version (`wasmtime-48.0.8`),
 * `name` comes from the module's sha256 in hex. A changed module or another version finds nothing there.
 */
export function compiledPath(req: LoadRequest, compiler: string, name: (hex: string) => string): string {
  return path.join(req.cacheDir, compiler, name(req.digest.replace(/^sha256:/, '')));
}

/**
 * Makes `target` unless it exists: `make` writes a sibling (file or directory) that is renamed into place,
 * so a run that stops half-way leaves nothing another run would take for a compiled form.
 */
export async function ensureCompiled(target: string, make: (out: string) => Promise<void>): Promise<void> {
  if (existsSync(target)) return;
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await make(tmp);
    // Another run that compiled the same module first wins: its form is the same.
    await rename(tmp, target).catch((e: NodeJS.ErrnoException) => {
      if (!existsSync(target)) throw e;
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

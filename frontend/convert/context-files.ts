// Lists the build context's files through the gateway, so source globs become explicit compiler
// arguments: no shell in the toolchain image expands user patterns, and the LLB names every input.
import picomatch from 'picomatch';
import type { FileStat, GatewayRef } from '../gateway/index.js';
import type { BuildIO } from './build-io.js';

// Go's os.ModeDir, as fsutil reports it.
const MODE_DIR = 0x80000000;

export async function listFiles(gateway: BuildIO, ref: GatewayRef, dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries: FileStat[] = await gateway.readDir(ref, rel === '' ? dir : `${dir}/${rel}`);
    for (const e of entries) {
      const name = e.path.split('/').pop()!;
      const child = rel === '' ? name : `${rel}/${name}`;
      if ((e.mode & MODE_DIR) >>> 0 !== 0) await walk(child);
      else out.push(child);
    }
  };
  await walk('');
  return out.sort();
}

/** The files matching any of `patterns` (picomatch globs, `**` across directories), in sorted order. */
export function matchFiles(files: readonly string[], patterns: readonly string[]): string[] {
  const isMatch = picomatch([...patterns], { dot: false });
  return files.filter((f) => isMatch(f));
}

// The gateway calls of a conversion, against a fake BuildIO that answers by hand: which go out together,
// and which error wins when several modules fail.
import { describe, expect, it } from 'vitest';
import { convert, type ConvertSettings } from '../../../frontend/convert/convert.js';
import type { BuildIO } from '../../../frontend/convert/build-io.js';
import type { GatewayRef } from '../../../frontend/gateway/index.js';
import { parseWasmToml } from '../../../src/wasm-toml/index.js';

const WASM_HEADER = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/**
 * A BuildIO whose image config answers wait until `release`, and which records every call. With
 * `failingReadDir`, every listing fails, the `slow` directory's last.
 */
function fakeIO(opts: { failingReadDir?: { slow: string } } = {}) {
  const calls: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const ref = { id: 'r' } as GatewayRef;
  const io = {
    caps: { has: () => true },
    solve: () => {
      calls.push('Solve');
      return Promise.resolve({ ref });
    },
    readDir: (_ref: unknown, dir: string) => {
      calls.push(`ReadDir ${dir}`);
      if (opts.failingReadDir) {
        const fail = () => Promise.reject(new Error(`cannot list ${dir}`));
        return dir === opts.failingReadDir.slow ? new Promise((r) => setTimeout(r, 20)).then(fail) : fail();
      }
      return Promise.resolve([{ path: 'main.c', mode: 0o644 }]);
    },
    readFile: () => {
      calls.push('ReadFile');
      return Promise.resolve(WASM_HEADER);
    },
    resolveImageConfig: async (image: string) => {
      calls.push(`ResolveImageConfig ${image}`);
      await released;
      return {
        ref: image,
        digest: `sha256:${'0'.repeat(64)}`,
        config: new TextEncoder().encode('{"config":{}}'),
      };
    },
  } as unknown as BuildIO;
  return { io, calls, release };
}

const toml = [
  '[image]',
  'entrypoint = "a"',
  '[[module]]',
  'name = "a"',
  'language = "c"',
  'source = "a"',
  '[[module]]',
  'name = "b"',
  'language = "c"',
  'source = "b"',
  '',
].join('\n');

function settingsFor(text: string): ConvertSettings {
  return {
    file: { filename: 'wasm.toml', data: new TextEncoder().encode(text), language: 'toml' },
    buildArgs: new Map([['WASM_TOOLCHAIN_IMAGE_C', 'registry.test/wasi-sdk:1']]),
    contextKey: 'context',
    sessionId: undefined,
    noCache: undefined,
    imageResolveMode: 'default',
    cacheImports: [],
    buildPlatform: { os: 'linux', architecture: 'amd64' },
    epochSeconds: 0,
    frontendImage: () => Promise.reject(new Error('no wasm-opt in this test')),
    sbom: false,
  };
}

function specOf(text: string) {
  const parsed = parseWasmToml(text);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.spec;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('convert: gateway calls', () => {
  it('lists every module’s context while the toolchain configs are being resolved', async () => {
    const spec = specOf(toml);
    const { io, calls, release } = fakeIO();
    const done = convert(io, spec, spec.module, settingsFor(toml));
    await tick();
    expect([...calls].sort()).toEqual([
      'ReadDir a',
      'ReadDir b',
      'ResolveImageConfig registry.test/wasi-sdk:1',
      'ResolveImageConfig registry.test/wasi-sdk:1',
      'Solve',
      'Solve',
    ]);
    release();
    const { files } = await done;
    expect(files).toEqual(['a.wasm', 'b.wasm']);
  });

  it('reports the first module’s error in the file’s order, whichever fails first', async () => {
    const spec = specOf(toml);
    // Both listings fail; b's answer comes first.
    const { io, release } = fakeIO({ failingReadDir: { slow: 'a' } });
    const done = convert(io, spec, spec.module, settingsFor(toml));
    release();
    await expect(done).rejects.toThrow('cannot list a');
  });
});

import { describe, expect, it } from 'vitest';
import { image, marshal } from '../../../frontend/llb/index.js';
import { SelfImageUnavailable, selfImage, type SelfImageDeps } from '../../../frontend/request/self-image.js';
import type { ImageConfigOptions } from '../../../frontend/gateway/index.js';

const platform = { os: 'linux', architecture: 'amd64' };
const digest = `sha256:${'a'.repeat(64)}`;

function deps(over: {
  mounted?: Uint8Array;
  source?: string;
  resolve?: (ref: string, o: ImageConfigOptions) => Promise<{ digest: string; config: Uint8Array }>;
}): SelfImageDeps & { resolved: string[] } {
  const resolved: string[] = [];
  return {
    resolved,
    platform,
    readDefinition: async () => over.mounted,
    options: {
      raw: new Map(over.source ? [['source', over.source]] : []),
      imageResolveMode: 'default',
    },
    gateway: {
      resolveImageConfig: async (ref, o = {}) => {
        resolved.push(ref);
        const r = await (over.resolve ?? (async () => ({ digest, config: new Uint8Array() })))(ref, o);
        return { ...r, ref };
      },
    },
  };
}

describe('selfImage', () => {
  it('splices the mounted frontend.bin Definition and resolves nothing', async () => {
    const own = marshal(image('registry.example/wasm-frontend:v1@' + digest), { platform });
    const d = deps({ mounted: own.definition, source: 'registry.example/wasm-frontend:v1' });
    const state = await selfImage(d);
    expect(marshal(state).definition).toEqual(own.definition);
    expect(d.resolved).toEqual([]);
  });

  it('without frontend.bin (BuildKit < v0.10), pins the `source` image by digest', async () => {
    const d = deps({ source: 'registry.example/wasm-frontend:v1' });
    const state = await selfImage(d);
    const expected = image(`registry.example/wasm-frontend:v1@${digest}`, { platform });
    expect(marshal(state).ops[0]).toEqual(marshal(expected).ops[0]);
    expect(d.resolved).toEqual(['registry.example/wasm-frontend:v1']);
  });

  it('falls back to `source` when frontend.bin cannot be read as a Definition', async () => {
    const d = deps({ mounted: new Uint8Array([0x0a, 0xff]), source: 'registry.example/wasm-frontend:v1' });
    await selfImage(d);
    expect(d.resolved).toEqual(['registry.example/wasm-frontend:v1']);
  });

  it('says why when neither is there', async () => {
    const err = await selfImage(deps({})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SelfImageUnavailable);
    expect((err as Error).message).toMatch(
      /no \/run\/config\/buildkit\/metadata\/frontend\.bin, BuildKit before v0\.10, and no `source` option/,
    );
  });

  it('says why when the source image cannot be resolved', async () => {
    const d = deps({
      source: 'registry.example/gone:v1',
      resolve: async () => {
        throw new Error('not found');
      },
    });
    const err = await selfImage(d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SelfImageUnavailable);
    expect((err as Error).message).toMatch(
      /the frontend image registry\.example\/gone:v1 .* cannot be resolved: not found/,
    );
  });
});

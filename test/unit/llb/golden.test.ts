// Our LLB encoder against the digests BuildKit's Go client gives the same graphs (golden-graphs.ts).
import { describe, expect, it } from 'vitest';
import { marshal } from '../../../frontend/llb/index.js';
import { goldenGraphs } from './golden-graphs.js';

describe('digests match BuildKit client/llb', () => {
  it.each(goldenGraphs)('%s', (_name, make, expected) => {
    const m = marshal(make(), { platform: { os: 'linux', architecture: 'amd64' } });
    expect(m.digests).toEqual(expected.map((d) => `sha256:${d}`));
  });
});

import { describe, expect, it } from 'vitest';
import { countPush } from '../../../bench/groups/push.js';
import { scaleSource, scaleToml } from '../../../bench/groups/scale.js';
import { suiteCases, suiteToml } from '../../../bench/groups/verification.js';
import { parseWasmToml } from '../../../src/wasm-toml/index.js';
import type { LogEntry } from '../../support/fault-proxy.js';

const e = (method: string, url: string, bytes = 0, status = 201): LogEntry => ({
  method,
  key: `${method} ${new URL(url, 'http://x').pathname.replace(/\/blobs\/uploads\/[^/]+$/, '/blobs/uploads/*')}`,
  status,
  url,
  bytes,
});

describe('countPush', () => {
  it('counts blob bytes, completed uploads by digest, manifests and requests', () => {
    const c = countPush([
      e('HEAD', '/v2/r/blobs/sha256:a', 0, 404),
      e('POST', '/v2/r/blobs/uploads/', 0, 202),
      e('PATCH', '/v2/r/blobs/uploads/u1', 700, 202),
      e('PUT', '/v2/r/blobs/uploads/u1?digest=sha256:a', 0),
      // A monolithic upload: the body and the digest in one PUT.
      e('PUT', '/v2/r/blobs/uploads/u2?digest=sha256:b', 300),
      e('PUT', '/v2/r/blobs/uploads/u3?digest=sha256:b', 300),
      e('PUT', '/v2/r/manifests/1', 478),
      e('PUT', '/v2/r/manifests/1-wasm', 500),
    ]);
    expect(c).toEqual({ blobBytes: 1300, blobUploads: 3, distinctBlobs: 2, manifestPuts: 2, requests: 8 });
  });

  it('counts nothing uploaded when every blob was there', () => {
    expect(
      countPush([e('HEAD', '/v2/r/blobs/sha256:a', 0, 200), e('PUT', '/v2/r/manifests/1', 478)]),
    ).toMatchObject({
      blobBytes: 0,
      blobUploads: 0,
      manifestPuts: 1,
    });
  });
});

describe("the scale benchmark's wasm.toml", () => {
  it('declares n C modules in one image, each in its own directory', () => {
    const text = scaleToml(4);
    expect(text.match(/^\[\[module\]\]$/gm)).toHaveLength(4);
    expect(text).toMatch(/^\[image\]\nentrypoint = "m1"$/m);
    expect(text).toMatch(/^name = "m4"\nlanguage = "c"\nsource = "m4"$/m);
    const parsed = parseWasmToml(text);
    expect(parsed.ok && parsed.spec.module.map((m) => m.name)).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('gives each module of each file a program of its own, new each run', () => {
    expect(scaleSource(3, 4, 1)).toMatch(/printf\("module 3 of 4, run 1\\n"\)/);
    const all = [1, 4].flatMap((n) => [1, 2].flatMap((run) => [1, 2].map((k) => scaleSource(k, n, run))));
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('the verification suite', () => {
  it('is 800 cases, the same every time, that wasm.toml takes with the native outputs as expectations', () => {
    const cases = suiteCases();
    expect(cases).toHaveLength(800);
    expect(suiteCases()).toEqual(cases);
    expect(new Set(cases.map((c) => c.name)).size).toBe(800);
    const expected = cases.map((_, i) => ({ code: i % 3, stdout: `out "${i}"\n\u0001` }));
    const parsed = parseWasmToml(suiteToml(cases, expected));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
    const tests = parsed.spec.module[0]!.test;
    expect(tests).toHaveLength(800);
    const t = tests[123]!;
    expect([t.name, t.args, t.stdin]).toEqual([cases[123]!.name, cases[123]!.args, cases[123]!.stdin]);
    expect([t.expect['exit-code'], t.expect.stdout]).toEqual([0, 'out "123"\n\u0001']);
  });
});

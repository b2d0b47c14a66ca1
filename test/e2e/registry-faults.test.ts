// Randomised publishing through a fault-injecting proxy in front of the testbed's real registry: 500 and
// 503, 429 with Retry-After, a reset in the middle of an upload, slow and truncated answers. Each run
// either succeeds, with every tag verified by digest through crane, or fails with a PublishError that
// lists what was and was not pushed; never is a tag left pointing at a missing blob. FAULT_RUNS sets the
// number of runs (200 in npm test); the seed makes a run reproducible (FAULT_SEED).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/oci/client.js';
import { StaticCredentials } from '../../src/oci/credentials.js';
import type { ImageManifest } from '../../src/oci/media-types.js';
import { PublishError } from '../../src/publish/errors.js';
import { publish } from '../../src/publish/publisher.js';
import { run } from '../support/exec.js';
import { startProxy, type Action } from '../support/fault-proxy.js';
import { buildLayoutFixture, helloWasm, type LayoutFixture } from '../support/oci-layout-fixture.js';
import { loadTestbed } from '../support/testbed.js';

const tb = loadTestbed();
const runs = Number(process.env.FAULT_RUNS ?? 200);
const seed = Number(process.env.FAULT_SEED ?? 20261129);
const runId = Date.now().toString(36);

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with its seed. */
function prng(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAULTS: Action[] = [
  { status: 500 },
  { status: 503 },
  { status: 429, headers: { 'retry-after': '0' } },
  'reset',
  { slow: 5 },
  'truncate',
];

/** Every blob a manifest names, as HEAD requests to the registry itself (not through the proxy). */
async function missingBlobs(repo: string, manifest: ImageManifest): Promise<string[]> {
  const missing: string[] = [];
  for (const d of [manifest.config, ...manifest.layers]) {
    const res = await fetch(`http://${tb.registry}/v2/${repo}/blobs/${d.digest}`, { method: 'HEAD' });
    if (res.status !== 200) missing.push(d.digest);
  }
  return missing;
}

async function tagsOf(repo: string): Promise<string[]> {
  const res = await fetch(`http://${tb.registry}/v2/${repo}/tags/list`);
  if (res.status === 404) return [];
  return ((await res.json()) as { tags: string[] | null }).tags ?? [];
}

let fixture: LayoutFixture;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let faultRate = 0;
let random = prng(seed);

beforeAll(async () => {
  // Big enough for a chunked upload (PATCH), so a reset can land in the middle of one.
  fixture = await buildLayoutFixture({ module: helloWasm('faults\n', 200_000) });
  proxy = await startProxy(tb.registry, () =>
    random() < faultRate ? FAULTS[Math.floor(random() * FAULTS.length)]! : 'forward',
  );
});

afterAll(() => proxy?.close());

describe(`${runs} randomised publish runs through injected faults`, () => {
  it('each succeeds verified, or fails saying what was pushed; no tag points at a missing blob', async () => {
    const counts = { succeeded: 0, failed: 0, faults: 0, unconfirmed: 0 };
    random = prng(seed);
    for (let i = 0; i < runs; i++) {
      faultRate = [0, 0.05, 0.15, 0.3][i % 4]!;
      const repo = `faults/${runId}-${i}`;
      const before = proxy.log.length;
      const client = new RegistryClient({
        credentials: new StaticCredentials(),
        retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50 },
        monolithicMaxBytes: 64 * 1024,
        chunkBytes: 64 * 1024,
      });
      let pushed: { tag: string; digest: string }[];
      let unconfirmed: string[] = [];
      try {
        const result = await publish({
          image: fixture.dir,
          repository: `${proxy.host}/${repo}`,
          tags: ['v1'],
          runtimes: [{ name: 'wasmtime', version: '48.0.8' }],
          client,
        });
        counts.succeeded++;
        pushed = result.tags;
        for (const t of result.tags) {
          const digest = await run('crane', ['digest', '--insecure', `${tb.registry}/${repo}:${t.tag}`], {
            env: tb.env,
          });
          expect(digest.stdout.trim(), `run ${i} ${t.tag}`).toBe(t.digest);
        }
      } catch (e) {
        expect(e, `run ${i}: ${String(e)}`).toBeInstanceOf(PublishError);
        const err = e as PublishError;
        expect(err.message).toMatch(/publishing to .* failed \((pushed|pushed no tags)/);
        expect([...err.pushed.map((t) => t.tag), ...err.notPushed, ...err.unconfirmed].sort()).toEqual(
          ['v1', 'v1-wasm', 'v1-wasmtime'].sort(),
        );
        counts.failed++;
        pushed = err.pushed;
        unconfirmed = err.unconfirmed;
      } finally {
        client.close();
      }
      counts.faults += proxy.log
        .slice(before)
        .filter((l) => typeof l.status !== 'number' || l.status >= 429).length;
      // What the registry holds is what the run says it pushed (and perhaps what it could not confirm).
      const held = (await tagsOf(repo)).filter((t) => !unconfirmed.includes(t));
      expect(held.sort(), `run ${i}`).toEqual(pushed.map((t) => t.tag).sort());
      counts.unconfirmed += unconfirmed.length;
      for (const t of pushed) {
        const res = await fetch(`http://${tb.registry}/v2/${repo}/manifests/${t.digest}`, {
          headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
        });
        const manifest = (await res.json()) as ImageManifest;
        expect(await missingBlobs(repo, manifest), `run ${i} ${t.tag}`).toEqual([]);
      }
    }
    console.log(
      `registry faults: ${runs} runs (seed ${seed}), ${counts.faults} faults injected, ` +
        `${counts.succeeded} succeeded, ${counts.failed} failed cleanly, ${counts.unconfirmed} tags unconfirmed`,
    );
    expect(counts.succeeded).toBeGreaterThan(0);
    expect(counts.failed).toBeGreaterThan(0);
  });
});

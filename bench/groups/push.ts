// 5. Push cost: the project's publisher pushing T, T-wasm and two runtime tags from one OCI layout, against
// `crane push` of the same layout (one tag), and the publisher pushing T alone (crane's work), each into a
// new repository, then again (a re-push). Bytes and requests are counted by a forwarding proxy in front of
// the testbed registry.
import path from 'node:path';
import { publish } from '../../src/publish/index.js';
import { runProcess } from '../../src/process.js';
import { startProxy, type LogEntry } from '../../test/support/fault-proxy.js';
import { buildx } from '../build.js';
import type { Bench } from '../context.js';
import { alternate, summarize, type Sample, type Summary } from '../runner.js';
import { examples, frontendBuild } from './build-time.js';

export interface PushCounts {
  /** Request body bytes sent to blob upload endpoints. */
  blobBytes: number;
  /** Blob uploads completed (a PUT or POST naming its digest), and how many distinct digests they were. */
  blobUploads: number;
  distinctBlobs: number;
  manifestPuts: number;
  requests: number;
}

/** What a push sent, from the proxy's log entries of that push. */
export function countPush(entries: readonly LogEntry[]): PushCounts {
  const uploads = entries.filter((e) => e.key.includes('/blobs/uploads/'));
  const digests = uploads.flatMap((e) => {
    const d = new URL(e.url, 'http://x').searchParams.get('digest');
    return d && e.method !== 'PATCH' ? [d] : [];
  });
  return {
    blobBytes: uploads.reduce((n, e) => n + e.bytes, 0),
    blobUploads: digests.length,
    distinctBlobs: new Set(digests).size,
    manifestPuts: entries.filter((e) => e.method === 'PUT' && e.key.includes('/manifests/')).length,
    requests: entries.length,
  };
}

export interface PushResult extends Summary {
  tags: string[];
}

export async function push(b: Bench): Promise<PushResult> {
  const layout = path.join(b.work, 'push', 'layout');
  await buildx(b, frontendBuild(b, examples[0]!, layout));
  const proxy = await startProxy(b.tb.registry, () => 'forward');
  const runtimes = [
    { name: 'wasmtime', version: (b.tb.env.VERSION_WASMTIME ?? 'wasmtime').replace(/^wasmtime /, '') },
    { name: 'node', version: process.version.slice(1) },
  ];
  // A push, then the same push again, each counted on its own.
  const twice = async (push: () => Promise<void>): Promise<Sample> => {
    const once = async () => {
      const from = proxy.log.length;
      const start = performance.now();
      await push();
      return { ms: performance.now() - start, counts: countPush(proxy.log.slice(from)) };
    };
    const first = await once();
    const again = await once();
    return {
      ms: first.ms,
      metrics: {
        ...first.counts,
        repushMs: again.ms,
        repushBlobBytes: again.counts.blobBytes,
        repushRequests: again.counts.requests,
      },
    };
  };
  let tags: string[] = [];
  // New repositories every time: the registry outlives the benchmark, and a first push must find nothing.
  const id = Date.now().toString(36);
  // All four tags, or (`only`) T alone: the same work as crane's, to tell the publisher's speed from its load.
  const publisher =
    (repo: string, only = false) =>
    async () => {
      const r = await publish({
        image: layout,
        repository: `${proxy.host}/bench/${repo}`,
        tags: ['1'],
        ...(only ? { runtimes: [], wasmSuffix: false } : { runtimes }),
        env: b.env,
      });
      if (!only) tags = r.tags.map((t) => t.tag);
    };
  try {
    // The action publishes in the process that built and tested: a first, untimed push loads its code.
    await publisher(`publisher-${id}-warm-up`)();
    const samples = await alternate(
      b.runs,
      [
        { name: 'publisher', measure: (run) => twice(publisher(`publisher-${id}-${run}`)) },
        { name: 'publisher-t-only', measure: (run) => twice(publisher(`publisher-t-${id}-${run}`, true)) },
        {
          name: 'crane',
          measure: (run) =>
            twice(async () => {
              const ref = `${proxy.host}/bench/crane-${id}-${run}:1`;
              const r = await runProcess('crane', ['push', '--insecure', layout, ref], { env: b.env });
              if (r.code !== 0) throw new Error(`crane push ${ref} failed: ${r.stderr}`);
            }),
        },
      ],
      undefined,
      (v, run, s) => b.say(`push run ${run + 1}: ${v} ${s.ms.toFixed(0)} ms`),
    );
    return {
      ...summarize(samples, [
        ['publisher', 'crane'],
        ['publisher-t-only', 'crane'],
      ]),
      tags,
    };
  } finally {
    await proxy.close();
  }
}

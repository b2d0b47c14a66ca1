import { describe, expect, it } from 'vitest';
import type { BlobSource, PushBlobResult } from '../../../src/oci/blobs.js';
import { copyBlobs, MemoryStore, type Pusher } from '../../../src/oci/content.js';

/** A Pusher that records what it was given, and fails on the digests in `failOn`. */
function recorder(failOn: string[] = []): Pusher & { seen: string[]; maxInFlight: number } {
  let inFlight = 0;
  const rec = {
    seen: [] as string[],
    maxInFlight: 0,
    async pushBlob(content: BlobSource): Promise<PushBlobResult> {
      inFlight++;
      rec.maxInFlight = Math.max(rec.maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      if (failOn.includes(content.digest)) throw new Error(`refused ${content.digest}`);
      rec.seen.push(content.digest);
      return { digest: content.digest, size: content.size, outcome: 'uploaded', bytesSent: content.size };
    },
  };
  return rec;
}

describe('MemoryStore and copyBlobs', () => {
  const store = new MemoryStore();
  const descs = ['a', 'b', 'c', 'd', 'e', 'f'].map((s) =>
    store.add('application/octet-stream', Buffer.from(s)),
  );

  it('copies each distinct blob once, at most `concurrency` at a time, results in input order', async () => {
    const to = recorder();
    const results = await copyBlobs([...descs, descs[0]!], store, to, { concurrency: 2 });
    expect(results.map((r) => r.digest)).toEqual(descs.map((d) => d.digest));
    expect(to.seen.sort()).toEqual(descs.map((d) => d.digest).sort());
    expect(to.maxInFlight).toBe(2);
  });

  it('stops at the first failure and throws it', async () => {
    const to = recorder([descs[1]!.digest]);
    const copied: string[] = [];
    await expect(
      copyBlobs(descs, store, to, { concurrency: 1, onCopied: (d) => copied.push(d.digest) }),
    ).rejects.toThrow(`refused ${descs[1]!.digest}`);
    expect(copied).toEqual([descs[0]!.digest]);
  });

  it('falls back to another Fetcher for what it does not hold, and says what is missing', async () => {
    const over = new MemoryStore(store);
    const own = over.add('text/plain', Buffer.from('mine'));
    expect((await over.fetch(own)).size).toBe(4);
    expect((await over.fetch(descs[0]!)).digest).toBe(descs[0]!.digest);
    await expect(new MemoryStore().fetch(own)).rejects.toThrow(`no blob ${own.digest}`);
  });
});

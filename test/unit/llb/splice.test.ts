import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import {
  copy,
  decodeDefinition,
  digestOf,
  fromDefinition,
  image,
  local,
  marshal,
  mkdir,
  scratch,
  type State,
} from '../../../frontend/llb/index.js';
import { decodeDefinition as decodeForTest, hex } from './decode.js';

const amd64 = { os: 'linux', architecture: 'amd64' };

/** Every op kind, an exec output other than the root, cache control and a progress group. */
function graph(): State {
  const src = local('context', { sessionId: 's1', sharedKeyHint: 'context', customName: 'context' });
  const built = image('rust:1.80', { progressGroup: { id: 'g1', name: 'toolchain' } })
    .withCwd('/src')
    .run({
      args: ['cargo', 'build'],
      mounts: [
        { type: 'bind', dest: '/src', source: src, readonly: true },
        { type: 'cache', dest: '/cache', id: 'c' },
        { type: 'bind', dest: '/out', source: scratch() },
      ],
      ignoreCache: true,
      customName: 'build',
    });
  return scratch().file(mkdir('/dist', 0o755).copy(built.mount('/out'), '/a.wasm', '/dist/'));
}

function field(w: BinaryWriter, no: number, write: (w: BinaryWriter) => void): void {
  w.tag(no, WireType.LengthDelimited).fork();
  write(w);
  w.join();
}

describe('fromDefinition', () => {
  it.each([
    ['a file op over an exec over two sources', () => graph()],
    [
      'an exec mount other than the root (terminal index 1)',
      () => {
        const run = image('alpine').run({
          args: ['true'],
          mounts: [{ type: 'bind', dest: '/out', source: scratch() }],
        });
        return run.mount('/out');
      },
    ],
    ['a lone image source', () => image('alpine', { customName: 'base' })],
  ])('round-trips %s to identical bytes and digests', (_, make) => {
    const first = marshal(make(), { platform: amd64 });
    const again = marshal(fromDefinition(first.definition), { platform: amd64 });
    expect(hex(again.definition)).toBe(hex(first.definition));
    expect(again.digests).toEqual(first.digests);
    expect(again.head).toBe(first.head);
    expect(again.metadata).toEqual(first.metadata);
  });

  it('decodes ops as the bytes received, with their digests, edges and metadata', () => {
    const m = marshal(graph(), { platform: amd64 });
    const def = decodeDefinition(m.definition);
    expect(def.ops.map((o) => o.digest)).toEqual(m.digests);
    expect(def.ops.map((o) => hex(o.bytes))).toEqual(m.ops.map(hex));
    expect(def.metadata).toEqual(m.metadata);
    const independent = decodeForTest(m.definition);
    expect(def.ops.map((o) => o.inputs)).toEqual(
      independent.map((o) =>
        ((o.op.inputs ?? []) as { digest: string; index?: number }[]).map((i) => ({
          digest: i.digest,
          index: i.index ?? 0,
        })),
      ),
    );
  });

  it('is usable as an exec root: the spliced ops go out unchanged and the exec reads their head', () => {
    const base = marshal(image('alpine', { customName: 'the frontend image' }), { platform: amd64 });
    const spliced = fromDefinition(base.definition);
    const run = spliced.run({
      args: ['/bin/tool', '/in/a.wasm', '-o', '/out/a.wasm'],
      mounts: [
        { type: 'bind', dest: '/in', source: graph(), readonly: true },
        { type: 'bind', dest: '/out', source: scratch() },
      ],
      customName: 'tool',
    });
    const m = marshal(run.mount('/out'), { platform: amd64 });
    const ops = decodeForTest(m.definition);
    // The image op is there byte for byte, with its metadata.
    const i = m.digests.indexOf(base.head!);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(hex(m.ops[i]!)).toBe(hex(base.ops[0]!));
    expect(m.metadata[base.head!]).toEqual(base.metadata[base.head!]);
    // The exec runs on it (root input 0) and its /out mount is what the Definition yields.
    const exec = ops.find((o) => o.digest === m.head)!;
    expect((exec.op.inputs as { digest: string }[])[0]!.digest).toBe(base.head);
    expect(ops.at(-1)!.op).toEqual({ inputs: [{ digest: m.head, index: 1 }] });
    // The caps of the spliced Definition's terminal op are kept.
    expect(ops.at(-1)!.metadata.caps).toMatchObject(base.metadata[base.digests.at(-1)!]!.caps!);
  });

  it('keeps foreign bytes verbatim: non-canonical field order, unknown fields, export_cache', () => {
    // An image op written 1,3,10 order with an unknown field 99, as some other encoder might.
    const w = new BinaryWriter();
    field(w, 3, (s) => s.tag(1, WireType.LengthDelimited).string('docker-image://docker.io/library/node:22'));
    field(w, 10, (p) => {
      p.tag(1, WireType.LengthDelimited).string('amd64');
      p.tag(2, WireType.LengthDelimited).string('linux');
    });
    w.tag(99, WireType.Varint).uint32(7);
    const source = w.finish();
    const sourceDigest = digestOf(source);
    const terminal = (() => {
      const t = new BinaryWriter();
      field(t, 1, (i) => i.tag(1, WireType.LengthDelimited).string(sourceDigest));
      return t.finish();
    })();
    const d = new BinaryWriter();
    d.tag(1, WireType.LengthDelimited).bytes(source);
    d.tag(1, WireType.LengthDelimited).bytes(terminal);
    field(d, 2, (e) => {
      e.tag(1, WireType.LengthDelimited).string(sourceDigest);
      field(e, 2, (md) => {
        field(md, 4, (x) => x.tag(1, WireType.Varint).bool(true));
        field(md, 5, (c) => {
          c.tag(1, WireType.LengthDelimited).string('source.image');
          c.tag(2, WireType.Varint).bool(true);
        });
        md.tag(77, WireType.Varint).uint32(1); // unknown: dropped from metadata, never from ops
      });
    });
    field(d, 2, (e) => {
      e.tag(1, WireType.LengthDelimited).string(digestOf(terminal));
      field(e, 2, (md) =>
        field(md, 5, (c) => {
          c.tag(1, WireType.LengthDelimited).string('source.image.recordtype');
          c.tag(2, WireType.Varint).bool(true);
        }),
      );
    });
    field(d, 3, (s) => s.tag(1, WireType.LengthDelimited).string('ignored source map'));

    const m = marshal(fromDefinition(d.finish()).run({ args: ['node', '--version'] }));
    expect(m.digests[0]).toBe(sourceDigest);
    expect(hex(m.ops[0]!)).toBe(hex(source));
    expect(m.metadata[sourceDigest]).toEqual({
      exportCache: { value: true },
      caps: { 'source.image': true },
    });
    expect(m.metadata[m.digests.at(-1)!]!.caps).toMatchObject({ 'source.image.recordtype': true });
  });

  it('turns an empty Definition into scratch', () => {
    expect(fromDefinition(new Uint8Array(0)).output).toBeUndefined();
  });

  it.each([
    [
      'an input missing from the Definition',
      () => {
        const a = marshal(scratch().file(copy(image('alpine'), '/a', '/b')));
        // Drop the image op: the file op now reads a digest that is not there.
        const w = new BinaryWriter();
        for (const op of a.ops.slice(1)) w.tag(1, WireType.LengthDelimited).bytes(op);
        return w.finish();
      },
      /reads sha256:[0-9a-f]{64}, which is not in the Definition/,
    ],
    [
      'a terminal op without inputs',
      () => {
        const w = new BinaryWriter();
        w.tag(1, WireType.LengthDelimited).bytes(new Uint8Array(0));
        return w.finish();
      },
      /last op of the Definition has no input/,
    ],
    ['bytes that are not a Definition', () => new Uint8Array([0x0a, 0xff, 0xff]), /malformed pb\.Definition/],
  ])('rejects %s', (_, make, message) => {
    expect(() => fromDefinition(make())).toThrow(message);
  });
});

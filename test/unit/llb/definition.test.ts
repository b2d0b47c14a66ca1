import { describe, expect, it } from 'vitest';
import { image, local, marshal, mkdir, scratch, type State } from '../../../frontend/llb/index.js';
import { decodeDefinition, hex } from './decode.js';

const amd64 = { os: 'linux', architecture: 'amd64' };

function graph(): State {
  const src = local('context', { sessionId: 's1', sharedKeyHint: 'context' });
  const built = image('rust:1.80')
    .withCwd('/src')
    .run({
      args: ['cargo', 'build'],
      mounts: [
        { type: 'bind', dest: '/src', source: src, readonly: true },
        { type: 'bind', dest: '/out', source: scratch() },
      ],
      customName: 'build',
    });
  return scratch().file(mkdir('/dist', 0o755).copy(built.mount('/out'), '/a.wasm', '/dist/'));
}

describe('marshal', () => {
  it('gives byte-identical Definitions for the same graph built twice', () => {
    const a = marshal(graph(), { platform: amd64 });
    const b = marshal(graph(), { platform: amd64 });
    expect(hex(a.definition)).toBe(hex(b.definition));
    expect(a.digests).toEqual(b.digests);
    expect(a.digests).toHaveLength(5);
  });

  it('places every input before the op reading it and the terminal op last', () => {
    const m = marshal(graph(), { platform: amd64 });
    const ops = decodeDefinition(m.definition);
    expect(ops.map((o) => o.digest)).toEqual(m.digests);
    const seen = new Set<string>();
    for (const { op, digest } of ops) {
      for (const inp of (op.inputs ?? []) as { digest: string }[]) expect(seen.has(inp.digest)).toBe(true);
      seen.add(digest);
    }
    const terminal = ops.at(-1)!;
    expect(terminal.op).toEqual({ inputs: [{ digest: m.head }] });
    expect(terminal.metadata).toEqual({
      caps: { constraints: true, 'meta.description': true, platform: true },
    });
    expect(ops.at(-2)!.digest).toBe(m.head);
  });

  it('points the terminal op at the output index of the state it was given', () => {
    const exec = image('alpine').run({
      args: ['true'],
      mounts: [{ type: 'bind', dest: '/out', source: scratch() }],
    });
    const m = marshal(exec.mount('/out'));
    expect(decodeDefinition(m.definition).at(-1)!.op).toEqual({ inputs: [{ digest: m.head, index: 1 }] });
    expect(m.head).toBe(m.opDigest(exec));
  });

  it('writes one op for equal ops built separately and merges their metadata', () => {
    const a = image('alpine', { customName: 'first' });
    const b = image('alpine', { progressGroup: { id: 'g' } });
    const exec = a.run({ args: ['true'], mounts: [{ type: 'bind', dest: '/b', source: b, readonly: true }] });
    const ops = decodeDefinition(marshal(exec).definition);
    expect(ops).toHaveLength(3); // image, exec, terminal
    expect(ops[0]!.metadata).toEqual({
      description: { 'llb.customname': 'first' },
      caps: { 'source.image': true },
      progressGroup: { id: 'g' },
    });
    // Both mounts read the same input edge.
    const mounts = (ops[1]!.op.exec as { mounts: { input?: number }[] }).mounts;
    expect(ops[1]!.op.inputs).toHaveLength(1);
    expect(mounts.map((mt) => mt.input ?? 0)).toEqual([0, 0]);
  });

  it('gives every op a metadata entry keyed by its digest', () => {
    const m = marshal(graph());
    expect(Object.keys(m.metadata).sort()).toEqual([...m.digests].sort());
    for (const { metadata } of decodeDefinition(m.definition)) expect(metadata.caps).toBeDefined();
  });

  it('marshals scratch to an empty Definition', () => {
    const m = marshal(scratch());
    expect(m.definition).toHaveLength(0);
    expect(m.head).toBeUndefined();
    expect(m.digests).toEqual([]);
  });

  it('uses the marshal platform for execs and images without one, and never for local or file ops', () => {
    const ops = decodeDefinition(marshal(graph(), { platform: amd64 }).definition);
    const platforms = ops.map((o) => [
      Object.keys(o.op).find((k) => k !== 'inputs' && k !== 'platform' && k !== 'constraints'),
      o.op.platform,
    ]);
    expect(platforms).toEqual([
      ['source', { os: 'linux', architecture: 'amd64' }], // image
      ['source', undefined], // local
      ['exec', { os: 'linux', architecture: 'amd64' }],
      ['file', undefined],
      [undefined, undefined], // terminal
    ]);
    // Without one the field is left out, and the daemon uses its own default.
    expect(decodeDefinition(marshal(graph()).definition)[0]!.op.platform).toBeUndefined();
  });
});

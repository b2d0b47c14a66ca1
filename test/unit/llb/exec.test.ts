import { describe, expect, it } from 'vitest';
import { image, local, marshal, scratch, type MountSpec, type State } from '../../../frontend/llb/index.js';
import { decodeDefinition, type Decoded } from './decode.js';

const base = image('alpine');
const ctx = local('context');

/** The exec op behind `state` (the op the terminal op points at), decoded. */
function execOf(state: State): { exec: Decoded; caps: string[]; inputs: unknown[] } {
  const op = decodeDefinition(marshal(state).definition).at(-2)!;
  return {
    exec: op.op.exec as Decoded,
    caps: Object.keys((op.metadata.caps ?? {}) as object).sort(),
    inputs: (op.op.inputs ?? []) as unknown[],
  };
}

type Row = { dest: string; input: number; output: number | undefined };

function mountRows(state: State): Row[] {
  const mounts = execOf(state).exec.mounts as { dest: string; input?: number; output?: number }[];
  // Absent int64 fields are proto3 zeros; only a secret mount leaves output unset on purpose.
  return mounts.map((m) => ({ dest: m.dest, input: m.input ?? 0, output: m.output }));
}

describe('exec mounts and outputs', () => {
  const cases: { name: string; mounts: MountSpec[]; rows: Row[]; outputs: Record<string, number> }[] = [
    {
      name: 'root only',
      mounts: [],
      rows: [{ dest: '/', input: 0, output: undefined }],
      outputs: { '/': 0 },
    },
    {
      name: 'writable binds numbered in dest order, whatever the order given',
      mounts: [
        { type: 'bind', dest: '/z', source: scratch() },
        { type: 'bind', dest: '/a', source: ctx },
      ],
      rows: [
        { dest: '/', input: 0, output: undefined },
        { dest: '/a', input: 1, output: 1 },
        { dest: '/z', input: -1, output: 2 },
      ],
      outputs: { '/': 0, '/a': 1, '/z': 2 },
    },
    {
      name: 'read-only, cache and tmpfs mounts produce no output and do not shift the numbering',
      mounts: [
        { type: 'bind', dest: '/b', source: ctx, readonly: true },
        { type: 'cache', dest: '/c', id: 'c' },
        { type: 'tmpfs', dest: '/d' },
        { type: 'bind', dest: '/e', source: scratch() },
      ],
      rows: [
        { dest: '/', input: 0, output: undefined },
        { dest: '/b', input: 1, output: -1 },
        { dest: '/c', input: -1, output: -1 },
        { dest: '/d', input: -1, output: -1 },
        { dest: '/e', input: -1, output: 1 },
      ],
      outputs: { '/': 0, '/e': 1 },
    },
    {
      name: 'secret mounts come last, in the order given, with no output field (as the Go client writes)',
      mounts: [
        { type: 'secret', dest: '/s2', id: 'b' },
        { type: 'bind', dest: '/x', source: scratch() },
        { type: 'secret', dest: '/s1', id: 'a' },
      ],
      rows: [
        { dest: '/', input: 0, output: undefined },
        { dest: '/x', input: -1, output: 1 },
        { dest: '/s2', input: -1, output: undefined },
        { dest: '/s1', input: -1, output: undefined },
      ],
      outputs: { '/': 0, '/x': 1 },
    },
  ];

  it.each(cases)('$name', ({ mounts, rows, outputs }) => {
    const exec = base.run({ args: ['true'], mounts });
    expect(mountRows(exec)).toEqual(rows);
    for (const [dest, index] of Object.entries(outputs)) expect(exec.mount(dest).output?.index).toBe(index);
  });

  it('starts a scratch root at input -1', () => {
    expect(mountRows(scratch().run({ args: ['/bin/x'] }))).toEqual([
      { dest: '/', input: -1, output: undefined },
    ]);
  });

  it('shares one input between mounts of the same state', () => {
    const exec = base.run({
      args: ['true'],
      mounts: [
        { type: 'bind', dest: '/a', source: ctx, readonly: true },
        { type: 'bind', dest: '/b', source: ctx, selector: 'sub' },
      ],
    });
    expect(execOf(exec).inputs).toHaveLength(2);
    expect(mountRows(exec).map((r) => r.input)).toEqual([0, 1, 1]);
  });

  it('gives the source state back for a read-only bind, with its settings', () => {
    const src = ctx.withCwd('/w');
    const exec = base.run({
      args: ['true'],
      mounts: [{ type: 'bind', dest: '/r', source: src, readonly: true }],
    });
    expect(exec.mount('/r')).toBe(src);
    const out = base.run({ args: ['true'], mounts: [{ type: 'bind', dest: '/o', source: src }] }).mount('/o');
    expect(out.cwd).toBe('/w');
  });

  it.each<[string, MountSpec]>([
    ['cache', { type: 'cache', dest: '/c', id: 'c' }],
    ['tmpfs', { type: 'tmpfs', dest: '/c' }],
    ['secret', { type: 'secret', dest: '/c', id: 's' }],
  ])('refuses to build on a %s mount', (_type, m) => {
    expect(() => base.run({ args: ['true'], mounts: [m] }).mount('/c')).toThrow(/no output/);
  });

  it.each([
    ['no args', { args: [] }, /args/],
    ['a relative dest', { args: ['x'], mounts: [{ type: 'tmpfs', dest: 'tmp' }] }, /absolute/],
    [
      'two mounts at one dest',
      {
        args: ['x'],
        mounts: [
          { type: 'tmpfs', dest: '/t' },
          { type: 'tmpfs', dest: '/t' },
        ],
      },
      /more than one/,
    ],
    ['a mount at /', { args: ['x'], mounts: [{ type: 'tmpfs', dest: '/' }] }, /more than one/],
    ['a cache without id', { args: ['x'], mounts: [{ type: 'cache', dest: '/c', id: '' }] }, /id/],
  ] as const)('rejects %s', (_name, opts, message) => {
    expect(() => base.run(opts as never)).toThrow(message);
  });
});

describe('exec options', () => {
  it('writes mount options', () => {
    const exec = base.run({
      args: ['true'],
      mounts: [
        { type: 'bind', dest: '/b', source: ctx, readonly: true, selector: 'sub/dir' },
        { type: 'cache', dest: '/c', id: 'cargo', sharing: 'private' },
        { type: 'tmpfs', dest: '/t', size: 65536 },
        { type: 'secret', dest: '/s', id: 'tok', uid: 1000, gid: 1001, mode: 0o440, optional: true },
      ],
    });
    const mounts = execOf(exec).exec.mounts as Decoded[];
    expect(mounts.slice(1)).toEqual([
      { input: 1, selector: 'sub/dir', dest: '/b', output: -1, readonly: true },
      { input: -1, dest: '/c', output: -1, mountType: 3, cacheOpt: { id: 'cargo', sharing: 1 } },
      { input: -1, dest: '/t', output: -1, mountType: 4, tmpfsOpt: { size: 65536 } },
      {
        input: -1,
        dest: '/s',
        mountType: 1,
        secretOpt: { id: 'tok', uid: 1000, gid: 1001, mode: 0o440, optional: true },
      },
    ]);
  });

  it('defaults cache sharing to SHARED and secret files to mode 0400', () => {
    const exec = base.run({
      args: ['true'],
      mounts: [
        { type: 'cache', dest: '/c', id: 'x' },
        { type: 'secret', dest: '/s', id: 'y' },
      ],
    });
    const mounts = execOf(exec).exec.mounts as Decoded[];
    expect(mounts[1]).toEqual({ input: -1, dest: '/c', output: -1, mountType: 3, cacheOpt: { id: 'x' } });
    expect(mounts[2]).toEqual({ input: -1, dest: '/s', mountType: 1, secretOpt: { id: 'y', mode: 0o400 } });
  });

  it('writes meta, network, security and secret env', () => {
    const exec = base
      .withEnv('PATH', '/bin')
      .withCwd('/work')
      .run({
        args: ['sh', '-c', 'make'],
        env: [
          ['CC', 'clang'],
          ['PATH', '/opt/bin:/bin'],
        ],
        cwd: 'sub',
        user: 'builder',
        hostname: 'h',
        network: 'host',
        security: 'insecure',
        secretEnv: [{ id: 'tok', name: 'TOKEN', optional: true }],
        validExitCodes: [0, 2],
      });
    const { exec: e } = execOf(exec);
    expect(e.meta).toEqual({
      args: ['sh', '-c', 'make'],
      env: ['CC=clang', 'PATH=/opt/bin:/bin'],
      cwd: '/work/sub',
      user: 'builder',
      hostname: 'h',
      removeMountStubsRecursive: true,
      validExitCodes: [0, 2],
    });
    expect(e.network).toBe(1);
    expect(e.security).toBe(1);
    expect(e.secretenv).toEqual([{ id: 'tok', name: 'TOKEN', optional: true }]);
    // Run options apply to that exec only; the result keeps the state's own settings.
    expect(exec.cwd).toBe('/work');
    expect(exec.env).toEqual(['PATH=/bin']);
  });

  it('takes env from a record in key order', () => {
    const e = execOf(base.run({ args: ['x'], env: { B: '1', A: '2' } })).exec;
    expect((e.meta as Decoded).env).toEqual(['B=1', 'A=2']);
  });

  it('records progress group, custom name and ignore-cache in the metadata', () => {
    const m = marshal(
      base.run({
        args: ['x'],
        customName: 'compile',
        progressGroup: { id: 'p', name: 'Build', weak: true },
        ignoreCache: true,
      }),
    );
    const md = decodeDefinition(m.definition).at(-2)!.metadata;
    expect(md.description).toEqual({ 'llb.customname': 'compile' });
    expect(md.progressGroup).toEqual({ id: 'p', name: 'Build', weak: true });
    expect(md.ignoreCache).toBe(true);
    expect(decodeDefinition(m.definition).at(-1)!.metadata.caps).toEqual({
      constraints: true,
      'meta.description': true,
      'meta.ignorecache': true,
      platform: true,
    });
  });

  it.each<[string, Parameters<State['run']>[0], string[]]>([
    ['a plain run', { args: ['x'] }, ['exec.meta.base', 'exec.mount.bind']],
    [
      'a selector',
      { args: ['x'], mounts: [{ type: 'bind', dest: '/s', source: ctx, selector: 'a' }] },
      ['exec.meta.base', 'exec.mount.bind', 'exec.mount.selector'],
    ],
    [
      'a cache mount',
      { args: ['x'], mounts: [{ type: 'cache', dest: '/c', id: 'c' }] },
      ['exec.meta.base', 'exec.mount.bind', 'exec.mount.cache', 'exec.mount.cache.sharing'],
    ],
    [
      'a sized tmpfs',
      { args: ['x'], mounts: [{ type: 'tmpfs', dest: '/t', size: 1 }] },
      ['exec.meta.base', 'exec.mount.bind', 'exec.mount.tmpfs', 'exec.mount.tmpfs.size'],
    ],
    [
      'an unsized tmpfs',
      { args: ['x'], mounts: [{ type: 'tmpfs', dest: '/t' }] },
      ['exec.meta.base', 'exec.mount.bind', 'exec.mount.tmpfs'],
    ],
    [
      'a secret env',
      { args: ['x'], secretEnv: [{ id: 's', name: 'S' }] },
      ['exec.meta.base', 'exec.mount.bind', 'exec.mount.secret', 'exec.secretenv'],
    ],
    [
      'a secret file',
      { args: ['x'], mounts: [{ type: 'secret', dest: '/s', id: 's' }] },
      ['exec.meta.base', 'exec.mount.bind', 'exec.mount.secret'],
    ],
    [
      'no network',
      { args: ['x'], network: 'none' },
      ['exec.meta.base', 'exec.meta.network', 'exec.mount.bind'],
    ],
    [
      'insecure mode',
      { args: ['x'], security: 'insecure' },
      ['exec.meta.base', 'exec.meta.security', 'exec.mount.bind'],
    ],
    [
      'valid exit codes',
      { args: ['x'], validExitCodes: [1] },
      ['exec.meta.base', 'exec.mount.bind', 'exec.validexitcode'],
    ],
  ])('declares the caps %s relies on', (_name, opts, caps) => {
    expect(execOf(base.run(opts)).caps).toEqual(caps);
  });

  it('declares no bind cap when nothing is bound from an input', () => {
    expect(execOf(scratch().run({ args: ['x'] })).caps).toEqual(['exec.meta.base']);
  });

  it('runs on the platform given, else the state platform, else the marshal default', () => {
    const arm = { os: 'linux', architecture: 'arm64', variant: 'v8' };
    const ppc = { os: 'linux', architecture: 'ppc64le' };
    const platformOf = (s: State): unknown =>
      decodeDefinition(marshal(s, { platform: { os: 'linux', architecture: 'amd64' } }).definition).at(-2)!.op
        .platform;
    expect(platformOf(scratch().run({ args: ['x'], platform: ppc }))).toEqual(ppc);
    expect(
      platformOf(
        scratch()
          .withPlatform(arm)
          .run({ args: ['x'] }),
      ),
    ).toEqual(arm);
    expect(platformOf(scratch().run({ args: ['x'] }))).toEqual({ os: 'linux', architecture: 'amd64' });
  });
});

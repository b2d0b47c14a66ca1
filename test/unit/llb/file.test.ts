import { describe, expect, it } from 'vitest';
import {
  copy,
  FileActions,
  image,
  local,
  marshal,
  mkdir,
  mkfile,
  rm,
  scratch,
  type State,
} from '../../../frontend/llb/index.js';
import { decodeDefinition, type Decoded } from './decode.js';

function fileOpOf(state: State): {
  inputs: { digest: string; index?: number }[];
  actions: Decoded[];
  caps: object;
} {
  const ops = decodeDefinition(marshal(state).definition);
  const op = ops.at(-2)!;
  expect(op.op.platform).toBeUndefined(); // a file op is not platform specific
  const file = op.op.file as { actions: Decoded[] };
  return { inputs: (op.op.inputs ?? []) as never, actions: file.actions, caps: op.metadata.caps as object };
}

function digestOf(state: State): string {
  return marshal(state).head!;
}

describe('file action chains', () => {
  it('addresses each action by the previous one: input len(inputs)+k, output only on the last', () => {
    const ctx = local('context');
    const other = image('busybox');
    const st = image('alpine').file(
      mkdir('/a', 0o755)
        .copy(ctx, 'x', '/a/x')
        .copy(other, '/bin/sh', '/a/sh')
        .rm('/a/x')
        .copy(ctx, 'y', '/a/y'),
    );
    const { inputs, actions } = fileOpOf(st);
    expect(inputs.map((i) => i.digest)).toEqual([digestOf(image('alpine')), digestOf(ctx), digestOf(other)]);
    expect(actions.map((a) => [a.input ?? 0, a.secondaryInput ?? 0, a.output ?? 0])).toEqual([
      [0, -1, -1], // mkdir on the base state (input 0)
      [3, 1, -1], // copy on the result of action 0 (3 inputs + 0), from ctx (input 1)
      [4, 2, -1], // copy from busybox (input 2)
      [5, -1, -1], // rm
      [6, 1, 0], // copy from ctx again reuses input 1; the last action is output 0
    ]);
  });

  it('uses -1 for a scratch base and for a scratch copy source', () => {
    const { inputs, actions } = fileOpOf(scratch().file(copy(scratch(), '/x', '/y').mkdir('/d', 0o700)));
    expect(inputs).toEqual([]);
    expect(actions.map((a) => [a.input ?? 0, a.secondaryInput ?? 0, a.output ?? 0])).toEqual([
      [-1, -1, -1],
      [0, -1, 0],
    ]);
  });

  it('resolves paths against the target state cwd, and copy sources against their own', () => {
    const src = local('context').withCwd('/src');
    const st = image('alpine')
      .withCwd('/app')
      .file(
        mkdir('bin', 0o755)
          .mkfile('bin/../run.sh', 0o755, '#!/bin/sh\n')
          .rm('./tmp/')
          .copy(src, 'main.c', 'out/')
          .copy(src, '/abs', 'dir/.')
          .copy(src, 'x', '/'),
      );
    const paths = fileOpOf(st).actions.map((a) => {
      const [kind, body] = Object.entries(a).find(([k]) => ['copy', 'mkdir', 'mkfile', 'rm'].includes(k))!;
      const b = body as Decoded;
      return kind === 'copy' ? [kind, b.src, b.dest] : [kind, b.path];
    });
    expect(paths).toEqual([
      ['mkdir', '/app/bin'],
      ['mkfile', '/app/run.sh'],
      ['rm', '/app/tmp'],
      ['copy', '/src/main.c', '/app/out/'], // a trailing slash on dest means "into"
      ['copy', '/abs', '/app/dir/.'],
      ['copy', '/src/x', '/'],
    ]);
  });

  it('writes every action option', () => {
    const t = new Date('2024-01-02T03:04:05.678Z');
    const ns = 1704164645678000000n; // nanoseconds, past Number.MAX_SAFE_INTEGER
    const ctx = local('context');
    const st = image('alpine').file(
      mkdir('/d', 0o40755, { parents: true, owner: { user: 1000, group: 'staff' }, createdTime: t })
        .mkfile('/f', 0o600, 'hé', { owner: { user: 0 } })
        .rm('/r*', { allowNotFound: true, allowWildcard: true })
        .copy(ctx, '/s', '/t', {
          mode: 0o755,
          followSymlinks: true,
          contentsOnly: true,
          attemptUnpack: true,
          createDestPath: true,
          allowWildcard: true,
          allowEmptyWildcard: true,
          include: ['*.c'],
          exclude: ['test/'],
          createdTime: t,
          owner: { group: 5 },
        }),
    );
    const { actions, caps } = fileOpOf(st);
    expect(actions.map(({ input: _i, secondaryInput: _s, output: _o, ...a }) => a)).toEqual([
      {
        mkdir: {
          path: '/d',
          mode: 0o755, // only permission bits
          makeParents: true,
          owner: { user: { byId: 1000 }, group: { byName: { name: 'staff' } } }, // looked up in input 0
          timestamp: ns,
        },
      },
      {
        mkfile: {
          path: '/f',
          mode: 0o600,
          data: new Uint8Array([0x68, 0xc3, 0xa9]),
          owner: { user: { byId: 0 } },
          timestamp: -1,
        },
      },
      { rm: { path: '/r*', allowNotFound: true, allowWildcard: true } },
      {
        copy: {
          src: '/s',
          dest: '/t',
          owner: { group: { byId: 5 } },
          mode: 0o755,
          followSymlink: true,
          dirCopyContents: true,
          attemptUnpackDockerCompatibility: true,
          createDestPath: true,
          allowWildcard: true,
          allowEmptyWildcard: true,
          timestamp: ns,
          includePatterns: ['*.c'],
          excludePatterns: ['test/'],
        },
      },
    ]);
    expect(caps).toEqual({
      'file.base': true,
      'file.copy.includeexcludepatterns': true,
      'file.rm.wildcard': true,
    });
  });

  it('keeps the source mode and leaves timestamps unset by default (-1)', () => {
    const { actions, caps } = fileOpOf(scratch().file(copy(image('alpine'), '/a', '/b')));
    expect(actions[0]!.copy).toEqual({ src: '/a', dest: '/b', mode: -1, timestamp: -1 });
    expect(caps).toEqual({ 'file.base': true });
  });

  it('names a user owner against the base input, or -1 on scratch', () => {
    const { actions } = fileOpOf(scratch().file(mkdir('/d', 0o755, { owner: { user: 'app' } })));
    expect((actions[0]!.mkdir as Decoded).owner).toEqual({ user: { byName: { name: 'app', input: -1 } } });
  });

  it('builds chains immutably', () => {
    const a = mkfile('/a', 0o644, 'a');
    const b = a.rm('/a');
    expect(a.steps).toHaveLength(1);
    expect(b.steps).toHaveLength(2);
    expect(rm('/x').steps[0]).toEqual({ kind: 'rm', path: '/x', opts: {} });
  });

  it('refuses an empty chain', () => {
    expect(() => scratch().file(new FileActions())).toThrow(/no actions/);
  });
});

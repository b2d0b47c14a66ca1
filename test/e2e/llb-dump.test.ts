// Round-trips every op kind through BuildKit's own decoder: `buildctl debug dump-llb` parses the
// marshaled Definition with the Go pb package and prints each op as JSON (Go field names), so a wrong
// field number, wire type or enum value shows up as a mismatch here.
import { describe, expect, it } from 'vitest';
import {
  fromDefinition,
  git,
  http,
  image,
  local,
  marshal,
  merge,
  mkdir,
  scratch,
  type Marshaled,
  type State,
} from '../../frontend/llb/index.js';
import { run } from '../support/exec.js';
import { loadTestbed } from '../support/testbed.js';

interface Dumped {
  Op: Record<string, unknown> & { Op: Record<string, unknown> };
  Digest: string;
  OpMetadata: Record<string, unknown>;
}

const testbed = loadTestbed();
const amd64 = { os: 'linux', architecture: 'amd64' };

async function dump(m: Marshaled): Promise<Dumped[]> {
  const r = await run('buildctl', ['debug', 'dump-llb'], { env: testbed.env, input: m.definition });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const ops = r.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Dumped);
  // BuildKit digests the bytes it received; they must be the ones we keyed everything by.
  expect(ops.map((o) => o.Digest)).toEqual(m.digests);
  return ops;
}

/** The op that produces `state`, as BuildKit decoded it. */
async function headOf(state: State, platform = amd64): Promise<Dumped> {
  const m = marshal(state, { platform });
  const ops = await dump(m);
  expect(ops.at(-1)!.Op).toEqual({ inputs: [{ digest: m.head }], Op: {} });
  return ops.find((o) => o.Digest === m.head)!;
}

describe('buildctl debug dump-llb decodes what we marshal', () => {
  it('image source', async () => {
    const op = await headOf(
      image('rust:1.80', {
        platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
        resolveMode: 'pull',
        customName: 'toolchain',
      }),
    );
    expect(op.Op).toEqual({
      Op: {
        source: {
          identifier: 'docker-image://docker.io/library/rust:1.80',
          attrs: { 'image.resolvemode': 'pull' },
        },
      },
      platform: { Architecture: 'arm64', OS: 'linux', Variant: 'v8' },
      constraints: {},
    });
    expect(op.OpMetadata).toEqual({
      description: { 'llb.customname': 'toolchain' },
      caps: { 'source.image': true, 'source.image.resolvemode': true },
    });
  });

  it('local source', async () => {
    const op = await headOf(
      local('dockerfile', {
        sessionId: 'session-1',
        include: ['src/**'],
        exclude: ['target'],
        followPaths: ['wasm.toml'],
        sharedKeyHint: 'dockerfile',
        differ: 'none',
      }),
    );
    expect(op.Op).toEqual({
      Op: {
        source: {
          identifier: 'local://dockerfile',
          attrs: {
            'local.differ': 'none',
            'local.excludepatterns': '["target"]',
            'local.followpaths': '["wasm.toml"]',
            'local.includepattern': '["src/**"]',
            'local.session': 'session-1',
            'local.sharedkeyhint': 'dockerfile',
          },
        },
      },
      constraints: {},
    });
    expect(Object.keys(op.OpMetadata.caps as object).sort()).toEqual([
      'source.local',
      'source.local.excludepatterns',
      'source.local.followpaths',
      'source.local.includepatterns',
      'source.local.sessionid',
      'source.local.sharedkeyhint',
    ]);
  });

  it('git and http sources', async () => {
    const g = await headOf(git('https://github.com/bytecodealliance/wasmtime.git', 'v20.0.0'));
    expect(g.Op.Op).toEqual({
      source: {
        identifier: 'git://github.com/bytecodealliance/wasmtime.git#v20.0.0',
        attrs: {
          'git.authheadersecret': 'GIT_AUTH_HEADER',
          'git.authtokensecret': 'GIT_AUTH_TOKEN',
          'git.fullurl': 'https://github.com/bytecodealliance/wasmtime.git',
        },
      },
    });
    const checksum = `sha256:${'c'.repeat(64)}`;
    const h = await headOf(
      http('https://example.com/wasi-sdk.tar.gz', { checksum, filename: 'sdk.tgz', perm: 0o755 }),
    );
    expect(h.Op.Op).toEqual({
      source: {
        identifier: 'https://example.com/wasi-sdk.tar.gz',
        attrs: { 'http.checksum': checksum, 'http.filename': 'sdk.tgz', 'http.perm': '0755' },
      },
    });
    expect(h.OpMetadata).toEqual({
      caps: { 'source.http': true, 'source.http.checksum': true, 'source.http.perm': true },
    });
  });

  it('exec with every mount kind', async () => {
    const base = image('alpine');
    const ctx = local('context');
    const exec = base
      .withEnv('PATH', '/usr/bin')
      .withCwd('/src')
      .run({
        args: ['sh', '-c', 'make'],
        env: { CC: 'clang' },
        user: '1000',
        hostname: 'builder',
        network: 'none',
        security: 'insecure',
        validExitCodes: [0, 3],
        secretEnv: [{ id: 'tok', name: 'TOKEN', optional: true }],
        mounts: [
          { type: 'bind', dest: '/src', source: ctx, readonly: true, selector: 'crate' },
          { type: 'bind', dest: '/out', source: scratch() },
          { type: 'cache', dest: '/cache', id: 'cargo', sharing: 'locked' },
          { type: 'tmpfs', dest: '/tmp', size: 4096 },
          {
            type: 'secret',
            dest: '/run/secrets/key',
            id: 'key',
            uid: 1,
            gid: 2,
            mode: 0o440,
            optional: true,
          },
        ],
        customName: 'make',
        progressGroup: { id: 'build', name: 'Build', weak: true },
        ignoreCache: true,
      });
    const m = marshal(exec.mount('/out'), { platform: amd64 });
    const ops = await dump(m);
    expect(ops.at(-1)!.Op).toEqual({ inputs: [{ digest: m.head, index: 1 }], Op: {} });
    const op = ops.find((o) => o.Digest === m.head)!;
    expect(op.Op).toEqual({
      inputs: [{ digest: m.opDigest(base) }, { digest: m.opDigest(ctx) }],
      Op: {
        exec: {
          meta: {
            args: ['sh', '-c', 'make'],
            env: ['PATH=/usr/bin', 'CC=clang'],
            cwd: '/src',
            user: '1000',
            hostname: 'builder',
            removeMountStubsRecursive: true,
            validExitCodes: [0, 3],
          },
          mounts: [
            { dest: '/' },
            { input: -1, dest: '/cache', output: -1, mountType: 3, cacheOpt: { ID: 'cargo', sharing: 2 } },
            { input: -1, dest: '/out', output: 1 },
            { input: 1, selector: 'crate', dest: '/src', output: -1, readonly: true },
            { input: -1, dest: '/tmp', output: -1, mountType: 4, TmpfsOpt: { size: 4096 } },
            {
              input: -1,
              dest: '/run/secrets/key',
              mountType: 1,
              secretOpt: { ID: 'key', uid: 1, gid: 2, mode: 0o440, optional: true },
            },
          ],
          network: 2,
          security: 1,
          secretenv: [{ ID: 'tok', name: 'TOKEN', optional: true }],
        },
      },
      platform: { Architecture: 'amd64', OS: 'linux' },
      constraints: {},
    });
    expect(op.OpMetadata).toEqual({
      ignore_cache: true,
      description: { 'llb.customname': 'make' },
      caps: {
        'exec.meta.base': true,
        'exec.meta.network': true,
        'exec.meta.security': true,
        'exec.mount.bind': true,
        'exec.mount.cache': true,
        'exec.mount.cache.sharing': true,
        'exec.mount.secret': true,
        'exec.mount.selector': true,
        'exec.mount.tmpfs': true,
        'exec.mount.tmpfs.size': true,
        'exec.secretenv': true,
        'exec.validexitcode': true,
      },
      progress_group: { id: 'build', name: 'Build', weak: true },
    });
    expect(ops.at(-1)!.OpMetadata).toEqual({
      caps: { constraints: true, 'meta.description': true, 'meta.ignorecache': true, platform: true },
    });
  });

  it('file op with every action kind', async () => {
    const src = local('context').withCwd('/crate');
    const t = new Date(1_700_000_000_000); // 1.7e18 ns is exact as a JSON number
    const base = image('alpine');
    const st = base.withCwd('/app').file(
      mkdir('bin', 0o755, { parents: true, owner: { user: 1000, group: 'staff' }, createdTime: t })
        .mkfile('bin/run.sh', 0o700, '#!/bin/sh\n')
        .rm('tmp/*', { allowNotFound: true, allowWildcard: true })
        .copy(src, 'target/*.wasm', 'dist/', {
          mode: 0o644,
          followSymlinks: true,
          contentsOnly: true,
          createDestPath: true,
          allowWildcard: true,
          allowEmptyWildcard: true,
          include: ['*.wasm'],
          exclude: ['*.d'],
          createdTime: t,
        }),
      { customName: 'assemble' },
    );
    const m = marshal(st);
    const op = (await dump(m)).find((o) => o.Digest === m.head)!;
    expect(op.Op).toEqual({
      inputs: [{ digest: m.opDigest(base) }, { digest: m.opDigest(src) }],
      Op: {
        file: {
          actions: [
            {
              input: 0,
              secondaryInput: -1,
              output: -1,
              Action: {
                mkdir: {
                  path: '/app/bin',
                  mode: 0o755,
                  makeParents: true,
                  owner: { user: { User: { byId: 1000 } }, group: { User: { byName: { name: 'staff' } } } },
                  timestamp: 1_700_000_000_000_000_000,
                },
              },
            },
            {
              input: 2,
              secondaryInput: -1,
              output: -1,
              Action: {
                mkfile: {
                  path: '/app/bin/run.sh',
                  mode: 0o700,
                  data: Buffer.from('#!/bin/sh\n').toString('base64'),
                  timestamp: -1,
                },
              },
            },
            {
              input: 3,
              secondaryInput: -1,
              output: -1,
              Action: { rm: { path: '/app/tmp/*', allowNotFound: true, allowWildcard: true } },
            },
            {
              input: 4,
              secondaryInput: 1,
              output: 0,
              Action: {
                copy: {
                  src: '/crate/target/*.wasm',
                  dest: '/app/dist/',
                  mode: 0o644,
                  followSymlink: true,
                  dirCopyContents: true,
                  createDestPath: true,
                  allowWildcard: true,
                  allowEmptyWildcard: true,
                  timestamp: 1_700_000_000_000_000_000,
                  include_patterns: ['*.wasm'],
                  exclude_patterns: ['*.d'],
                },
              },
            },
          ],
        },
      },
      constraints: {},
    });
    expect(op.OpMetadata).toEqual({
      description: { 'llb.customname': 'assemble' },
      caps: { 'file.base': true, 'file.copy.includeexcludepatterns': true, 'file.rm.wildcard': true },
    });
  });

  it('merge op', async () => {
    const a = image('alpine');
    const b = image('busybox');
    const m = marshal(merge([a, b, a]), { platform: amd64 });
    const op = (await dump(m)).find((o) => o.Digest === m.head)!;
    expect(op.Op).toEqual({
      inputs: [{ digest: m.opDigest(a) }, { digest: m.opDigest(b) }, { digest: m.opDigest(a) }],
      Op: { merge: { inputs: [{}, { input: 1 }, { input: 2 }] } },
      constraints: {},
    });
    expect(op.OpMetadata).toEqual({ caps: { mergeop: true } });
  });

  it('a spliced Definition: its ops as received, an exec on top of them', async () => {
    const base = marshal(image('node:22', { customName: 'frontend image' }), { platform: amd64 });
    const run = fromDefinition(base.definition).run({
      args: ['/usr/local/bin/node', '--version'],
      mounts: [{ type: 'bind', dest: '/out', source: scratch() }],
      customName: 'on the spliced image',
    });
    const m = marshal(run.mount('/out'), { platform: amd64 });
    const ops = await dump(m);
    // BuildKit keys the spliced image op by the same digest, with the same metadata.
    const [baseImage] = await dump(base);
    const spliced = ops.find((o) => o.Digest === base.head)!;
    expect(spliced).toEqual(baseImage);
    const exec = ops.find((o) => o.Digest === m.head)!;
    expect(exec.Op.inputs).toEqual([{ digest: base.head }]);
  });
});

import { describe, expect, it } from 'vitest';
import { git, http, image, local, marshal, merge, scratch, type State } from '../../../frontend/llb/index.js';
import { decodeDefinition, type Decoded } from './decode.js';

function sourceOf(
  state: State,
  platform?: { os: string; architecture: string },
): { op: Decoded; caps: string[] } {
  const op = decodeDefinition(marshal(state, { platform }).definition).at(-2)!;
  return { op: op.op, caps: Object.keys(op.metadata.caps as object).sort() };
}

describe('sources', () => {
  it('image: identifier, resolve mode and caps', () => {
    expect(sourceOf(image('alpine'))).toEqual({
      op: { source: { identifier: 'docker-image://docker.io/library/alpine:latest' }, constraints: {} },
      caps: ['source.image'],
    });
    expect(sourceOf(image('alpine', { resolveMode: 'local' })).op.source).toEqual({
      identifier: 'docker-image://docker.io/library/alpine:latest',
      attrs: { 'image.resolvemode': 'local' },
    });
    // Only a forced pull needs the cap; "default" is not written at all.
    expect(sourceOf(image('alpine', { resolveMode: 'pull' })).caps).toEqual([
      'source.image',
      'source.image.resolvemode',
    ]);
    expect(sourceOf(image('alpine', { resolveMode: 'default' })).op.source).toEqual({
      identifier: 'docker-image://docker.io/library/alpine:latest',
    });
  });

  it('image: its own platform wins over the marshal default and becomes the state platform', () => {
    const arm = { os: 'linux', architecture: 'arm64' };
    const st = image('alpine', { platform: arm });
    expect(st.platform).toEqual(arm);
    expect(sourceOf(st, { os: 'linux', architecture: 'amd64' }).op.platform).toEqual(arm);
    expect(sourceOf(image('alpine'), { os: 'linux', architecture: 'amd64' }).op.platform).toEqual({
      os: 'linux',
      architecture: 'amd64',
    });
  });

  it('local: attrs as BuildKit names them, JSON lists escaped like Go, caps per option', () => {
    const st = local('dockerfile', {
      sessionId: 'sess',
      include: ['a', 'b<&>'],
      exclude: ['node_modules'],
      followPaths: ['wasm.toml', 'wasm.toml.dockerignore'],
      sharedKeyHint: 'dockerfile',
      differ: 'none',
    });
    const { op, caps } = sourceOf(st, { os: 'linux', architecture: 'amd64' });
    expect(op).toEqual({
      source: {
        identifier: 'local://dockerfile',
        attrs: {
          'local.differ': 'none',
          'local.excludepatterns': '["node_modules"]',
          'local.followpaths': '["wasm.toml","wasm.toml.dockerignore"]',
          'local.includepattern': '["a","b\\u003c\\u0026\\u003e"]',
          'local.session': 'sess',
          'local.sharedkeyhint': 'dockerfile',
        },
      },
      constraints: {}, // no platform: a local directory is the same on every platform
    });
    expect(caps).toEqual([
      'source.local',
      'source.local.excludepatterns',
      'source.local.followpaths',
      'source.local.includepatterns',
      'source.local.sessionid',
      'source.local.sharedkeyhint',
    ]);
    expect(sourceOf(local('x')).op.source).toEqual({ identifier: 'local://x' });
  });

  it.each([
    [
      'https://github.com/moby/buildkit.git',
      undefined,
      'git://github.com/moby/buildkit.git',
      'https://github.com/moby/buildkit.git',
    ],
    [
      'https://github.com/moby/buildkit.git',
      'v0.1',
      'git://github.com/moby/buildkit.git#v0.1',
      'https://github.com/moby/buildkit.git',
    ],
    ['github.com/a/b', 'main', 'git://github.com/a/b#main', 'https://github.com/a/b'],
    ['http://host:8080/r/?x=1#frag', undefined, 'git://host:8080/r', 'http://host:8080/r/'],
    ['git://host/r', 'abc123', 'git://host/r#abc123', 'git://host/r'],
  ])('git %s %s', (remote, ref, identifier, fullurl) => {
    const { op, caps } = sourceOf(git(remote, ref));
    expect(op.source).toEqual({
      identifier,
      attrs: {
        'git.authheadersecret': 'GIT_AUTH_HEADER',
        'git.authtokensecret': 'GIT_AUTH_TOKEN',
        'git.fullurl': fullurl,
      },
    });
    expect(caps).toEqual(['source.git', 'source.git.fullurl']);
  });

  it.each([['ssh://git@host/r'], ['file:///tmp/r'], ['git@github.com:a/b.git']])(
    'git refuses %s',
    (remote) => {
      expect(() => git(remote)).toThrow(/unsupported remote/);
    },
  );

  it('http: checksum, filename and octal perm attrs', () => {
    const { op, caps } = sourceOf(
      http('https://example.com/f.tar.gz', {
        checksum: `sha256:${'b'.repeat(64)}`,
        filename: 'f.tgz',
        perm: 0o640,
      }),
    );
    expect(op.source).toEqual({
      identifier: 'https://example.com/f.tar.gz',
      attrs: { 'http.checksum': `sha256:${'b'.repeat(64)}`, 'http.filename': 'f.tgz', 'http.perm': '0640' },
    });
    expect(caps).toEqual(['source.http', 'source.http.checksum', 'source.http.perm']);
    expect(sourceOf(http('https://example.com/f')).op.source).toEqual({
      identifier: 'https://example.com/f',
    });
  });
});

describe('merge', () => {
  it('gives one input per layer in order, and no platform', () => {
    const a = image('alpine');
    const b = local('context');
    const m = marshal(merge([a, scratch(), b, a]));
    const ops = decodeDefinition(m.definition);
    const op = ops.at(-2)!;
    expect((op.op.inputs as { digest: string }[]).map((i) => i.digest)).toEqual([
      marshal(a).head,
      marshal(b).head,
      marshal(a).head,
    ]);
    expect(op.op.merge).toEqual({ inputs: [{}, { input: 1 }, { input: 2 }] });
    expect(op.op.platform).toBeUndefined();
    expect(op.metadata.caps).toEqual({ mergeop: true });
  });

  it('needs no op for fewer than two non-scratch layers', () => {
    const a = image('alpine');
    expect(merge([scratch(), a, scratch()])).toBe(a);
    expect(merge([scratch()]).output).toBeUndefined();
    expect(merge([]).output).toBeUndefined();
  });
});

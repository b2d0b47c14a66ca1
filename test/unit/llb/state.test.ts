import { describe, expect, it } from 'vitest';
import { image, marshal, mkdir, scratch } from '../../../frontend/llb/index.js';
import { decodeDefinition, type Decoded } from './decode.js';
import { viewLlb } from './view.js';

describe('state settings', () => {
  it('keeps env in the order set; setting a key again moves it to the end', () => {
    const s = scratch().withEnv('A', '1').withEnv('B', '2').withEnv('C', '3').withEnv('A', '4');
    expect(s.env).toEqual(['B=2', 'C=3', 'A=4']);
    expect(s.getEnv('A')).toBe('4');
    expect(s.getEnv('Z')).toBeUndefined();
  });

  it('is immutable', () => {
    const a = scratch().withEnv('A', '1').withCwd('/a');
    const b = a.withEnv('B', '2').withCwd('b').withUser('u');
    expect(a.env).toEqual(['A=1']);
    expect(a.cwd).toBe('/a');
    expect(a.user).toBe('');
    expect(b.cwd).toBe('/a/b');
    expect(b.user).toBe('u');
  });

  it.each([[''], ['A=B']])('rejects the env name %j', (key) => {
    expect(() => scratch().withEnv(key, 'x')).toThrow(/invalid environment variable name/);
  });

  it('resolves the working directory like Go path.Join', () => {
    expect(scratch().withCwd('/a/b/').cwd).toBe('/a/b');
    expect(scratch().withCwd('/a').withCwd('../c/./d').cwd).toBe('/c/d');
    expect(scratch().withCwd('/a').withCwd('/x').cwd).toBe('/x');
    expect(scratch().cwd).toBe('/');
  });

  it('applies an image config: Env in order, WorkingDir, User, platform', () => {
    const s = image('rust:1.80')
      .withEnv('PATH', '/old')
      .withEnv('KEEP', 'me')
      .withImageConfig({
        architecture: 'arm64',
        os: 'linux',
        variant: 'v8',
        config: {
          Env: [
            'PATH=/usr/local/cargo/bin:/usr/bin',
            'CARGO_HOME=/usr/local/cargo',
            'EMPTY',
            'EQ=a=b',
            '=skipped',
          ],
          WorkingDir: '/work',
          User: '1000:1000',
        },
      });
    expect(s.env).toEqual([
      'KEEP=me',
      'PATH=/usr/local/cargo/bin:/usr/bin',
      'CARGO_HOME=/usr/local/cargo',
      'EMPTY=',
      'EQ=a=b',
    ]);
    expect(s.cwd).toBe('/work');
    expect(s.user).toBe('1000:1000');
    expect(s.platform).toEqual({ architecture: 'arm64', os: 'linux', variant: 'v8', osVersion: undefined });

    const exec = decodeDefinition(marshal(s.run({ args: ['cargo', 'build'] })).definition).at(-2)!.op;
    expect((exec.exec as { meta: Decoded }).meta).toEqual({
      args: ['cargo', 'build'],
      env: [
        'KEEP=me',
        'PATH=/usr/local/cargo/bin:/usr/bin',
        'CARGO_HOME=/usr/local/cargo',
        'EMPTY=',
        'EQ=a=b',
      ],
      cwd: '/work',
      user: '1000:1000',
      removeMountStubsRecursive: true,
    });
    expect(exec.platform).toEqual({ architecture: 'arm64', os: 'linux', variant: 'v8' });
  });

  it('leaves settings alone for an empty or partial config', () => {
    const base = scratch().withCwd('/w').withUser('u').withPlatform({ os: 'linux', architecture: 'amd64' });
    const s = base.withImageConfig({ os: 'linux', config: null });
    expect([s.env, s.cwd, s.user, s.platform]).toEqual([
      [],
      '/w',
      'u',
      { os: 'linux', architecture: 'amd64' },
    ]);
  });

  it('keeps settings across file ops and exec results', () => {
    const s = image('alpine').withEnv('A', '1').withCwd('/w');
    const after = s.run({ args: ['true'] }).withUser('x');
    expect([after.env, after.cwd, after.user]).toEqual([['A=1'], '/w', 'x']);
    const filed = s.file(mkdir('d', 0o755));
    expect([filed.env, filed.cwd]).toEqual([['A=1'], '/w']);
  });
});

describe('withSecrets', () => {
  it('mounts each secret into every exec built on the state, once, at /run/secrets/<id>', () => {
    const base = image('alpine').withSecrets(['npm', 'key']).withSecrets(['npm']);
    const second = base
      .run({ args: ['one'], mounts: [{ type: 'secret', dest: '/custom/npm', id: 'npm' }] })
      .run({ args: ['two'] });
    const execs = viewLlb(second).execs;
    expect(execs.map((e) => e.args[0])).toEqual(['one', 'two']);
    const secrets = (name: string) =>
      viewLlb(second)
        .execs.find((e) => e.args[0] === name)!
        .mounts.filter((m) => m.type === 'secret')
        .map((m) => m.dest);
    expect(secrets('one')).toEqual(['/custom/npm', '/run/secrets/key']);
    expect(secrets('two')).toEqual(['/run/secrets/npm', '/run/secrets/key']);
  });

  it('changes nothing without secrets', () => {
    const plain = marshal(image('alpine').run({ args: ['x'] })).digests;
    expect(
      marshal(
        image('alpine')
          .withSecrets([])
          .run({ args: ['x'] }),
      ).digests,
    ).toEqual(plain);
  });
});

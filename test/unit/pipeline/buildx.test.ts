import { describe, expect, it } from 'vitest';
import { buildxArgs, buildxFailure, type BuildxInputs } from '../../../src/pipeline/buildx.js';

const base: BuildxInputs = { context: 'app', file: 'app/wasm.toml', layoutDir: '/tmp/out' };

describe('buildxArgs', () => {
  it('defaults to wasi/wasm, no attestations, an OCI layout directory', () => {
    expect(buildxArgs(base)).toEqual([
      'build',
      '--progress=plain',
      '--file=app/wasm.toml',
      '--platform=wasi/wasm',
      '--provenance=false',
      '--sbom=false',
      '--output=type=oci,dest=/tmp/out,tar=false',
      'app',
    ]);
  });

  it.each([
    [{ frontend: 'reg/fe:1' }, '--build-arg=BUILDKIT_SYNTAX=reg/fe:1'],
    [{ target: 'second' }, '--target=second'],
    [{ platform: 'wasip1/wasm' }, '--platform=wasip1/wasm'],
    [{ provenance: true }, '--provenance=true'],
    [{ noCache: true }, '--no-cache'],
    [{ metadataFile: 'm.json' }, '--metadata-file=m.json'],
    [{ cacheFrom: ['type=local,src=c'] }, '--cache-from=type=local,src=c'],
    [{ cacheTo: ['type=local,dest=c'] }, '--cache-to=type=local,dest=c'],
    [{ labels: { team: 'wasm' } }, '--label=team=wasm'],
    [{ annotations: ['manifest:a=1,2'] }, '--annotation=manifest:a=1,2'],
    [{ sbom: true }, '--sbom=true'],
    [{ progress: 'auto' }, '--progress=auto'],
  ] as const)('%o adds %s', (extra, flag) => {
    expect(buildxArgs({ ...base, ...extra })).toContain(flag);
  });

  it('sorts build args so the same inputs give the same argv', () => {
    const args = buildxArgs({ ...base, buildArgs: { B: '2', A: '1=x' } });
    expect(args.filter((a) => a.startsWith('--build-arg='))).toEqual([
      '--build-arg=A=1=x',
      '--build-arg=B=2',
    ]);
  });

  it('puts the builder right after build', () => {
    expect(buildxArgs({ ...base, builder: 'wasm-build-1' }).slice(0, 3)).toEqual([
      'build',
      '--builder=wasm-build-1',
      '--progress=plain',
    ]);
  });

  it('keeps annotations in the order given', () => {
    const args = buildxArgs({ ...base, annotations: ['b=2', 'index:a=1'] });
    expect(args.filter((a) => a.startsWith('--annotation='))).toEqual([
      '--annotation=b=2',
      '--annotation=index:a=1',
    ]);
  });

  it('puts the context last', () => {
    expect(buildxArgs({ ...base, buildArgs: { A: '1' } }).at(-1)).toBe('app');
  });
});

const failedBuild = `#9 [hello] compile C (1 file)
#9 0.210 hello.c:3:1: error: unknown type name 'nope'
#9 ERROR: process "/bin/sh -c clang hello.c" did not complete successfully: exit code: 1
------
 > [hello] compile C (1 file):
0.210 hello.c:3:1: error: unknown type name 'nope'
0.211 1 error generated.
------
wasm.toml:4
--------------------
   2 |     [module]
   3 |     name = "hello"
   4 | >>> language = "c"
   5 |     output = "hello.wasm"
--------------------
ERROR: failed to build: failed to solve: process "/bin/sh -c clang hello.c" did not complete successfully: exit code: 1
`;

describe('buildxFailure', () => {
  it('gives the last ERROR, the failed step and the marked line', () => {
    expect(buildxFailure(failedBuild)).toEqual({
      message:
        'failed to build: failed to solve: process "/bin/sh -c clang hello.c" did not complete successfully: exit code: 1\n' +
        " > [hello] compile C (1 file):\n0.210 hello.c:3:1: error: unknown type name 'nope'\n0.211 1 error generated.",
      line: 4,
    });
  });

  it.each([
    [
      'no snippet',
      'ERROR: failed to build: no such builder\n',
      { message: 'failed to build: no such builder' },
    ],
    ['no ERROR line', 'something\nthe last line\n\n', { message: 'the last line' }],
    [
      'a step, no snippet',
      '------\n > [internal] load build definition:\n0.1 not found\n------\nERROR: failed to solve: x\n',
      { message: 'failed to solve: x\n > [internal] load build definition:\n0.1 not found' },
    ],
  ])('%s', (_, output, expected) => {
    expect(buildxFailure(output)).toEqual(expected);
  });
});

describe('build secrets', () => {
  it('pass as --secret values that name where buildx reads them, never the secret', () => {
    const args = buildxArgs({ ...base, secrets: ['id=npm,env=NPM_TOKEN', 'id=key,src=/run/key'] });
    expect(args.filter((a) => a.startsWith('--secret='))).toEqual([
      '--secret=id=npm,env=NPM_TOKEN',
      '--secret=id=key,src=/run/key',
    ]);
  });
});

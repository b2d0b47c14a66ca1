import { describe, expect, it } from 'vitest';
import { parseCli, UsageError, type CliRequest } from '../../../src/cli/args.js';

/** parseCli for argv that is not help. */
function cli(argv: string[], env: NodeJS.ProcessEnv = {}, isTerminal = false): CliRequest {
  const req = parseCli(argv, env, isTerminal);
  if (req === 'help') throw new Error('expected a command, got help');
  return req;
}

describe('parseCli', () => {
  it.each([
    [['build'], 'build'],
    [['build', '--push'], 'push'],
    [['test'], 'test'],
    [['push'], 'push'],
    [['run'], 'build'],
  ])('%j runs until %s', (argv, until) => {
    const req = cli(argv);
    expect(req.until).toBe(until);
    expect(req.command).toBe(argv[0]);
  });

  it.each([[[]], [['--help']], [['-h']], [['build', '--help']]])('%j is help', (argv) => {
    expect(parseCli(argv, {}, false)).toBe('help');
  });

  it.each([
    [['deploy'], /unknown command "deploy"/],
    [['build', '--bogus'], /bogus/],
    [['build', '-f'], /-f/],
    [['build', 'a', 'b'], /one build context at most \(got a b\)/],
    [['build', '--', 'x'], /for `run` only/],
    [['test', 'app', '--', 'x'], /for `run` only/],
    [['build', '--progress=fancy'], /auto or plain, not fancy/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCli(argv, {}, false)).toThrow(UsageError);
    expect(() => parseCli(argv, {}, false)).toThrow(message);
  });

  it('defaults every input', () => {
    expect(cli(['build'])).toEqual({
      command: 'build',
      until: 'build',
      reportFile: '.wasm-build/report.json',
      ownRunDir: true,
      guestArgs: [],
      raw: {
        context: '.',
        targets: [],
        buildArgs: [],
        tags: [],
        labels: [],
        annotations: [],
        runtimes: [],
        tests: true,
        artifact: '-wasm',
        runtimeTags: true,
        cacheFrom: [],
        cacheTo: [],
        noCache: false,
        provenance: false,
        sbom: false,
        secrets: [],
        workDir: '.wasm-build',
        progress: 'plain',
      },
    });
  });

  it('splits -r and --target on commas, and repeats them', () => {
    const { raw } = cli(['test', '-r', 'wasmtime, node', '-r', 'wazero', '--target=a,b', '--target', 'c']);
    expect(raw.runtimes).toEqual(['wasmtime', 'node', 'wazero']);
    expect(raw.targets).toEqual(['a', 'b', 'c']);
  });

  it('keeps commas in build args, tags and labels', () => {
    const { raw } = cli(['build', '--build-arg', 'A=1,2', '-t', 'r.io/a:1', '--label', 'l=x,y']);
    expect(raw).toMatchObject({ buildArgs: ['A=1,2'], tags: ['r.io/a:1'], labels: ['l=x,y'] });
  });

  it.each([
    [['--no-artifact'], 'false'],
    [['--artifact-suffix', '.wasm'], '.wasm'],
    [['--artifact-suffix', '.wasm', '--no-artifact'], 'false'],
  ])('%j: artifact %s', (flags, artifact) => {
    expect(cli(['push', ...flags]).raw.artifact).toBe(artifact);
  });

  it.each([
    ['--no-test', { tests: false }],
    ['--no-runtime-tags', { runtimeTags: false }],
    ['--no-cache', { noCache: true }],
    ['--provenance', { provenance: true }],
    ['--sbom', { sbom: true }],
    ['--builder=b1', { builder: 'b1' }],
    ['--runtime-mirror=https://m.example', { runtimeMirror: 'https://m.example' }],
    ['--npm-registry=https://n.example', { npmRegistry: 'https://n.example' }],
    ['--annotation=manifest:a=1', { annotations: ['manifest:a=1'] }],
    ['--cache-from=type=local,src=c', { cacheFrom: ['type=local,src=c'] }],
    ['--file=x/wasm.toml', { file: 'x/wasm.toml' }],
  ])('%s', (flag, expected) => {
    expect(cli(['build', flag]).raw).toMatchObject(expected);
  });

  it.each([
    [true, {}, [], 'auto'],
    [true, { CI: 'true' }, [], 'plain'],
    [false, {}, [], 'plain'],
    [true, {}, ['--progress=plain'], 'plain'],
    [false, { CI: 'true' }, ['--progress', 'auto'], 'auto'],
  ])('terminal %s, env %j, %j: progress %s', (isTerminal, env, flags, progress) => {
    expect(cli(['build', ...flags], env, isTerminal).raw.progress).toBe(progress);
  });

  it.each([
    [{}, [], undefined],
    [{ WASM_BUILD_FRONTEND: 'reg/fe:2' }, [], 'reg/fe:2'],
    [{ WASM_BUILD_FRONTEND: 'reg/fe:2' }, ['--frontend', 'reg/fe:3'], 'reg/fe:3'],
  ])('env %j, %j: frontend %s', (env, flags, frontend) => {
    expect(cli(['build', ...flags], env).raw.frontend).toBe(frontend);
  });

  it('takes the GitHub token from the environment', () => {
    expect(cli(['build'], { GITHUB_TOKEN: 'ghs_x' }).raw.githubToken).toBe('ghs_x');
  });

  it('puts the report in the work directory unless told', () => {
    expect(cli(['build', '--work-dir', 'w']).ownRunDir).toBe(false);
    expect(cli(['build', '--work-dir', 'w']).reportFile).toBe('w/report.json');
    expect(cli(['build', '--work-dir', 'w', '--report', 'r.json']).reportFile).toBe('r.json');
  });

  it('gives run the arguments after --, flags included', () => {
    const req = cli(['run', 'examples/hello', '-r', 'node', '--', '-r', '--flag', 'Wasm']);
    expect(req.raw.context).toBe('examples/hello');
    expect(req.raw.runtimes).toEqual(['node']);
    expect(req.guestArgs).toEqual(['-r', '--flag', 'Wasm']);
  });
});

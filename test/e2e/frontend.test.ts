// The frontend inside a real BuildKit: wasm.toml -> wasi/wasm image, through buildctl and through buildx.
import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTestbed, repoRoot } from '../support/testbed.js';
import { run } from '../support/exec.js';
import { buildx, prepareExample, withSyntax } from '../support/frontend.js';
import { openLayout } from '../../src/oci/index.js';
import { extractModule, findWasmImage } from '../../src/wasm-image/index.js';
import { runtimeAt } from '../../src/runtimes/index.js';
import { parseWasmToml } from '../../src/wasm-toml/index.js';
import { runTest } from '../../src/testrun/index.js';

const tb = loadTestbed();

interface ImageConfig {
  os: string;
  architecture: string;
  created: string;
  config: { Entrypoint: string[]; Cmd?: string[]; Env?: string[]; Labels?: Record<string, string> };
}

async function crane(...args: string[]): Promise<string> {
  const res = await run('crane', [...args, '--insecure'], { env: tb.env });
  expect(res.code, res.stderr).toBe(0);
  return res.stdout;
}

describe('frontend through buildctl (gateway.v0)', () => {
  it('turns examples/hello-c into an OCI layout holding one wasi/wasm layer', async () => {
    const example = path.join(repoRoot, 'examples', 'hello-c');
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'fe-')), 'layout');
    const res = await run(
      'buildctl',
      [
        'build',
        '--frontend=gateway.v0',
        `--opt=source=${tb.images.frontend}`,
        `--local=context=${example}`,
        `--local=dockerfile=${example}`,
        '--opt=filename=wasm.toml',
        '--opt=platform=wasi/wasm',
        `--opt=build-arg:WASM_TOOLCHAIN_IMAGE_C=${tb.images.toolchain_c}`,
        `--output=type=oci,dest=${out},tar=false`,
      ],
      { env: tb.env },
    );
    expect(res.code, res.stderr).toBe(0);
    const layout = await openLayout(out);
    const image = await findWasmImage(layout);
    expect(image.manifest.layers).toHaveLength(1);
    const config = image.config as unknown as ImageConfig;
    expect([config.os, config.architecture]).toEqual(['wasi', 'wasm']);
    expect(config.config.Entrypoint).toEqual(['/hello.wasm']);
    // No SOURCE_DATE_EPOCH: the fixed default keeps the digest reproducible.
    expect(config.created).toBe('1970-01-01T00:00:00Z');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mod-'));
    const extracted = await extractModule(layout, image);
    expect(extracted.path).toBe('hello.wasm');
    const module = path.join(dir, 'hello.wasm');
    writeFileSync(module, extracted.bytes);
    const ran = await runtimeAt('wasmtime', undefined, tb.env).run({
      module,
      args: ['layout'],
      env: {},
      dirs: [],
    });
    expect(ran.stdout).toBe('Hello, layout!\n');
  });
});

describe('frontend through buildx with # syntax=', () => {
  const dir = prepareExample(tb, 'hello-c');
  const ref = `${tb.registry}/e2e/hello-c:frontend`;

  it('pushes an image whose module runs on wasmtime and node:wasi', async () => {
    const res = await buildx(tb, dir, [
      '--platform=wasi/wasm',
      '--provenance=false',
      '--label=org.example.team=wasm',
      `--tag=${ref}`,
      '--output=type=image,push=true,registry.insecure=true',
    ]);
    expect(res.code, res.stderr).toBe(0);
    const manifest = JSON.parse(await crane('manifest', ref)) as { mediaType: string; layers: unknown[] };
    expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(manifest.layers).toHaveLength(1);
    const config = JSON.parse(await crane('config', ref)) as ImageConfig;
    expect([config.os, config.architecture]).toEqual(['wasi', 'wasm']);
    expect(config.config.Labels).toEqual({ 'org.example.team': 'wasm' });

    const work = mkdtempSync(path.join(os.tmpdir(), 'pull-'));
    const pulled = await run('sh', ['-c', 'crane export --insecure "$0" - | tar -x -C "$1"', ref, work], {
      env: tb.env,
    });
    expect(pulled.code, pulled.stderr).toBe(0);
    for (const runtime of [runtimeAt('wasmtime', undefined, tb.env), runtimeAt('node')]) {
      const ran = await runtime.run({
        module: path.join(work, 'hello.wasm'),
        args: ['Wasm'],
        env: { GREETING: 'Howdy' },
        dirs: [],
      });
      expect({ runtime: runtime.name, out: ran.stdout, code: ran.exitCode }).toEqual({
        runtime: runtime.name,
        out: 'Howdy, Wasm!\n',
        code: 0,
      });
    }
  });

  it('reports every step CACHED on an unchanged rebuild, and the same digest with --no-cache', async () => {
    const digestOf = async (extra: string[]) => {
      const meta = path.join(mkdtempSync(path.join(os.tmpdir(), 'meta-')), 'metadata.json');
      const res = await buildx(tb, dir, [
        '--platform=wasi/wasm',
        '--provenance=false',
        `--metadata-file=${meta}`,
        '--output=type=oci,dest=/dev/null',
        ...extra,
      ]);
      expect(res.code, res.stderr).toBe(0);
      const digest = (JSON.parse(readFileSync(meta, 'utf8')) as Record<string, string>)[
        'containerimage.digest'
      ];
      return { digest, log: res.stderr };
    };
    const first = await digestOf([]);
    const again = await digestOf([]);
    // Every compile and file step of the rebuild comes from the cache.
    const steps = [
      ...again.log.matchAll(/^#\d+ \[hello\] (?:compile|wasm-opt).*$|^#\d+ export hello\.wasm$/gm),
    ];
    expect(steps.map(([line]) => line.replace(/^#\d+ /, ''))).toEqual([
      '[hello] compile C (1 file)',
      'export hello.wasm',
    ]);
    for (const [line] of steps) {
      const id = line.split(' ')[0]!;
      expect(again.log, line).toMatch(new RegExp(`^${id} CACHED$`, 'm'));
    }
    const fresh = await digestOf(['--no-cache']);
    expect(fresh.log).not.toMatch(/\[hello\] (?:compile|wasm-opt)[^\n]*\n#\d+ CACHED/);
    expect(fresh.digest).toBe(first.digest);
    expect(again.digest).toBe(first.digest);
  });

  it('lists the modules with --call=targets', async () => {
    const multi = mkdtempSync(path.join(os.tmpdir(), 'multi-'));
    writeFileSync(path.join(multi, 'a.c'), 'int main(void) { return 0; }\n');
    withSyntax(
      tb,
      path.join(multi, 'wasm.toml'),
      [
        '[[module]]',
        'name = "first"',
        'description = "the default one"',
        'language = "c"',
        '',
        '[[module]]',
        'name = "second"',
        'language = "c"',
        '',
      ].join('\n'),
    );
    const res = await buildx(tb, multi, ['--call=targets']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^first \(default\)\s+the default one$/m);
    expect(res.stdout).toMatch(/^second\s*$/m);
  });
});

describe('post-processing with wasm-opt from the frontend image', () => {
  const runtimes = [runtimeAt('wasmtime', undefined, tb.env), runtimeAt('node')];

  async function buildHello(optimize?: string[]) {
    const dir = prepareExample(tb, 'hello-c');
    if (optimize)
      appendFileSync(path.join(dir, 'wasm.toml'), ['', '[module.optimize]', ...optimize, ''].join('\n'));
    const out = mkdtempSync(path.join(os.tmpdir(), 'opt-'));
    const res = await buildx(tb, dir, ['--platform=wasi/wasm', `--output=type=local,dest=${out}`]);
    expect(res.code, res.stderr.split('\n').slice(-30).join('\n')).toBe(0);
    return { dir, module: path.join(out, 'hello.wasm'), log: res.stderr };
  }

  it('with wasm-opt = "Os" makes release hello-c smaller than the default, and it still passes its tests', async () => {
    const [optimized, plain] = await Promise.all([buildHello(['wasm-opt = "Os"']), buildHello()]);
    expect(optimized.log).toMatch(/^#\d+ \[hello\] wasm-opt -Os$/m);
    expect(plain.log).not.toMatch(/\[hello\] wasm-opt/);
    const size = (f: string) => statSync(f).size;
    expect(size(optimized.module)).toBeLessThan(size(plain.module));
    // The module in the image stays executable whatever mode wasm-opt wrote it with.
    expect(statSync(optimized.module).mode & 0o777).toBe(0o755);

    const parsed = parseWasmToml(readFileSync(path.join(optimized.dir, 'wasm.toml'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
    const tests = parsed.spec.module[0]!.test;
    expect(tests.length).toBeGreaterThan(0);
    for (const runtime of runtimes) {
      for (const test of tests) {
        const outcome = await runTest(runtime, optimized.module, test, { contextDir: optimized.dir });
        expect(outcome.problems, `${test.name} on ${runtime.name}: ${outcome.stderr}`).toEqual([]);
      }
    }
  });

  it('strips release hello-c at link time, without a wasm-opt step; strip = false keeps debug info', async () => {
    const [stripped, kept] = await Promise.all([buildHello(), buildHello(['strip = false'])]);
    expect(stripped.log).not.toMatch(/\[hello\] wasm-opt/);
    expect(kept.log).not.toMatch(/\[hello\] wasm-opt/);
    // wasi-libc's objects carry DWARF, so an unstripped release module has some.
    const sections = (file: string) => {
      const module = new WebAssembly.Module(readFileSync(file));
      return ['name', '.debug_info'].filter((n) => WebAssembly.Module.customSections(module, n).length > 0);
    };
    expect(sections(stripped.module)).toEqual([]);
    expect(sections(kept.module)).toEqual(['.debug_info']);
    const ran = await runtimeAt('wasmtime', undefined, tb.env).run({
      module: stripped.module,
      args: ['strip'],
      env: {},
      dirs: [],
    });
    expect(ran.stdout).toBe('Hello, strip!\n');
  });
});

describe('frontend errors point at wasm.toml', () => {
  /** Builds a module whose custom `build` runs `script` in the C toolchain image and names out.wasm. */
  const buildCustom = (name: string, script: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    withSyntax(
      tb,
      path.join(dir, 'wasm.toml'),
      [
        '[module]',
        `name = "${name}"`,
        `build = ["sh", "-c", "${script}"]`,
        'output = "out.wasm"',
        `toolchain.image = "${tb.images.toolchain_c}"`,
        '',
      ].join('\n'),
    );
    return buildx(tb, dir, ['--platform=wasi/wasm']);
  };

  it('a custom build with a language runs the build in the toolchain image of that language', async () => {
    // The language picks the image (here through WASM_TOOLCHAIN_IMAGE_C); the build is the user's argv.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'custom-c-'));
    writeFileSync(path.join(dir, 'hello.c'), readFileSync(path.join(repoRoot, 'examples/hello-c/hello.c')));
    withSyntax(
      tb,
      path.join(dir, 'wasm.toml'),
      '[module]\nname = "custom"\nlanguage = "c"\nbuild = ["clang", "--target=wasm32-wasi", "-O2", "-o", "out.wasm", "hello.c"]\noutput = "out.wasm"\n',
    );
    const res = await buildx(tb, dir, [
      '--platform=wasi/wasm',
      `--output=type=local,dest=${path.join(dir, 'out')}`,
    ]);
    expect(res.code, res.stderr.slice(-3000)).toBe(0);
    expect(res.stderr).toMatch(/\[custom\] build: clang --target=wasm32-wasi/);
    expect(statSync(path.join(dir, 'out', 'custom.wasm')).size).toBeGreaterThan(1000);
    // The frontend did not link it, so a release build is stripped (of the name section wasm-ld writes)
    // by wasm-opt, with no optimisation level.
    expect(res.stderr).toMatch(/^#\d+ \[custom\] wasm-opt --strip-debug --strip-producers$/m);
    const module = new WebAssembly.Module(readFileSync(path.join(dir, 'out', 'custom.wasm')));
    expect(WebAssembly.Module.customSections(module, 'name')).toEqual([]);
  });

  it('a custom build whose output is not Wasm fails with what was found and what the target needs', async () => {
    const res = await buildCustom('notwasm', 'echo hello world > out.wasm');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain(
      'module "notwasm": output "out.wasm" is not a WebAssembly binary: found a text file starting "hello wo"; target = "wasip1" expects a core module',
    );
    // buildx marks the `output` line of wasm.toml (line 5, after the syntax line).
    expect(res.stderr).toMatch(/^\s*5 \| >>> output = "out\.wasm"$/m);
    // wasm-opt ran first and failed on it; the error is about the build's output, not wasm-opt's own.
    expect(res.stderr).not.toMatch(/^ERROR: .*wasm-opt/m);
  });

  it('a failing build step is marked at its `build` line, not at the syntax line', async () => {
    const res = await buildCustom('fails', 'echo broken >&2; exit 3');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/did not complete successfully: exit code: 3/);
    expect(res.stderr).toMatch(/^\s*4 \| >>> build = \["sh"/m);
  });

  const cases = [
    {
      name: 'a TOML syntax error',
      body: '[module]\nname = "hello"\nlanguage = "c\n',
      line: 4,
      message: /wasm\.toml:4:\d+: /,
    },
    {
      name: 'an unknown key',
      body: '[module]\nname = "hello"\nlangauge = "c"\n',
      line: 4,
      message: /wasm\.toml:4:1: unknown key "langauge" in \[module\] \(did you mean "language"\?\)/,
    },
    {
      // Found by the C driver while planning (a ModuleError), and shown at the key it is about.
      name: 'sources that match no file',
      body: '[module]\nname = "hello"\nlanguage = "c"\nc.sources = ["nothing/*.c"]\n',
      line: 5,
      message: /module "hello": no c sources match \["nothing\/\*\.c"\]/,
    },
  ];
  it.each(cases)('$name: buildx fails with the snippet and the line', async ({ body, line, message }) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bad-'));
    withSyntax(tb, path.join(dir, 'wasm.toml'), body);
    const res = await buildx(tb, dir, ['--platform=wasi/wasm']);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(message);
    // buildx prints the file around the range and marks the line with >>>.
    expect(res.stderr).toMatch(new RegExp(`^\\s*${line} \\| >>> `, 'm'));
    expect(res.stderr).not.toMatch(/at .*\.mjs:\d+/);
  });
});

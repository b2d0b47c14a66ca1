// The JavaScript driver's LLB, pinned: the npm dependency step it shares with AssemblyScript, and one
// offline compile step (a fixed script taking wasm.toml's values as arguments) with the built-in world's
// WIT mounted. The script itself runs here against stand-in `npx` and `node` commands.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILE_SCRIPT, javascriptDriver } from '../../../frontend/languages/javascript.js';
import { NODE_IMAGE } from '../../../frontend/languages/npm.js';
import { BUILTIN_WIT_DIR, builtinWorldWit } from '../../../frontend/languages/world.js';
import { WASI_WIT_PACKAGES } from '../../../frontend/languages/wasi-wit.js';
import { chooseToolchainImage } from '../../../frontend/convert/toolchain.js';
import { moduleOf, runDriver } from './driver-llb.js';

const JS = 'language = "javascript"\n';
const project = ['package-lock.json', 'package.json', 'src/index.js'];

describe('javascript driver: steps', () => {
  it.each([
    {
      name: 'a command from src/index.js (the defaults)',
      toml: JS,
      files: project,
      tail: ['src/index.js', BUILTIN_WIT_DIR, 'command', '/out/m.wasm', 'command'],
      wit: true,
    },
    {
      name: 'an HTTP handler in TypeScript',
      toml: `${JS}javascript.entry = "main.ts"\njavascript.world = "wasi:http/proxy"`,
      files: ['main.ts', 'package.json'],
      tail: ['main.ts', BUILTIN_WIT_DIR, 'proxy', '/out/m.wasm', 'proxy'],
      wit: true,
    },
    {
      name: "the module's own WIT and world",
      toml: `${JS}source = "app"\njavascript.wit = "wit"\njavascript.world = "greeter"`,
      files: project,
      tail: ['src/index.js', '/src/app/wit', 'greeter', '/out/m.wasm', 'own'],
      wit: false,
    },
  ])('$name', async ({ toml, files, tail, wit }) => {
    const run = await runDriver(javascriptDriver, moduleOf(toml), { files });
    expect(run.execs.map((e) => e.name)).toEqual([
      expect.stringMatching(/^\[m\] npm (ci|install)$/),
      expect.stringMatching(/^\[m\] esbuild .* \+ componentize-js \(/),
    ]);
    const compile = run.execs[1]!;
    expect(compile.args).toEqual(['sh', '-c', COMPILE_SCRIPT, 'wasm-build-javascript', ...tail]);
    expect(compile.network).toBe('none');
    expect(compile.mounts.filter((m) => m.dest === BUILTIN_WIT_DIR)).toEqual(
      wit
        ? [
            {
              dest: BUILTIN_WIT_DIR,
              type: 'bind',
              from: expect.stringMatching(/^\[m\] WIT of /),
              readonly: true,
            },
          ]
        : [],
    );
    expect(
      compile.mounts.some((m) => m.dest.endsWith('/node_modules') && m.from === run.execs[0]!.name + ' #1'),
    ).toBe(true);
    expect(run.result).toEqual({ output: expect.anything(), path: '/m.wasm' });
  });

  it('refuses a module without package.json or without its entry', async () => {
    await expect(runDriver(javascriptDriver, moduleOf(JS), { files: ['src/index.js'] })).rejects.toThrow(
      /no package\.json under "\.".*@bytecodealliance\/componentize-js and esbuild/,
    );
    await expect(runDriver(javascriptDriver, moduleOf(JS), { files: ['package.json'] })).rejects.toThrow(
      /the entry "src\/index\.js" is not under "\." \(set javascript\.entry\)/,
    );
  });

  it('builds in the official Node.js image unless told otherwise', () => {
    expect(chooseToolchainImage(moduleOf(JS), javascriptDriver, new Map())).toBe(NODE_IMAGE);
    const args = new Map([['WASM_TOOLCHAIN_IMAGE_JAVASCRIPT', 'mirror.test/node:24']]);
    expect(chooseToolchainImage(moduleOf(JS), javascriptDriver, args)).toBe('mirror.test/node:24');
  });
});

describe('the built-in worlds', () => {
  it('include the WASI world from the WASI packages the frontend carries', () => {
    expect(builtinWorldWit('wasi:http/proxy')).toContain(
      'world proxy {\n  include wasi:http/proxy@0.2.12;\n}',
    );
    expect(Object.keys(WASI_WIT_PACKAGES).sort()).toEqual([
      'wasi-cli',
      'wasi-clocks',
      'wasi-filesystem',
      'wasi-http',
      'wasi-io',
      'wasi-random',
      'wasi-sockets',
    ]);
    for (const [name, text] of Object.entries(WASI_WIT_PACKAGES)) {
      expect(text, name).toMatch(new RegExp(`^package wasi:${name.slice(5)}@0\\.2\\.12;`));
    }
  });
});

/** Runs the compile script in a project with stand-in tools; returns what componentize-js was given. */
function runScript(kind: string, opts: { tools?: boolean; engineVersion?: string } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'js-compile-'));
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const log = path.join(dir, 'npx.log');
  // npx writes its arguments; esbuild's --outfile is created; componentize-js records the WIT it got.
  const npx = `#!/bin/sh
echo "$@" >> ${log}
for a in "$@"; do case "$a" in --outfile=*) : > "\${a#--outfile=}";; esac; done
if [ "$2" = componentize-js ]; then cat "$5"/deps/wasi-http/package.wit | head -1 >> ${log}; fi
`;
  writeFileSync(path.join(bin, 'npx'), npx);
  writeFileSync(path.join(bin, 'node'), `#!/bin/sh\necho "${opts.engineVersion ?? '0.2.10'}"\n`);
  for (const f of ['npx', 'node']) chmodSync(path.join(bin, f), 0o755);
  if (opts.tools !== false) {
    for (const t of ['node_modules/@bytecodealliance/componentize-js', 'node_modules/esbuild'])
      mkdirSync(path.join(dir, t), { recursive: true });
  }
  const wit = path.join(dir, 'builtin-wit');
  mkdirSync(path.join(wit, 'deps', 'wasi-http'), { recursive: true });
  writeFileSync(path.join(wit, 'deps', 'wasi-http', 'package.wit'), WASI_WIT_PACKAGES['wasi-http']!);
  const res = spawnSync(
    'sh',
    ['-c', COMPILE_SCRIPT, 'wasm-build-javascript', 'src/index.ts', wit, 'proxy', '/out/m.wasm', kind],
    { cwd: dir, env: { PATH: `${bin}:/usr/bin:/bin` }, encoding: 'utf8' },
  );
  const lines = res.status === 0 ? readFileSync(log, 'utf8').split('\n') : [];
  return { status: res.status, stderr: res.stderr, lines };
}

describe('javascript compile script', () => {
  it('bundles, then gives componentize-js the bundle first (its -d takes every argument after it)', () => {
    const { status, lines } = runScript('command');
    expect(status).toBe(0);
    expect(lines[0]).toMatch(
      /^--no-install esbuild src\/index\.ts --bundle --format=esm --platform=browser --external:wasi:\* /,
    );
    expect(lines[1]).toMatch(
      /^--no-install componentize-js \S+\/\.wasm-build\.\w+\/bundle\.js --wit \S+\/\.wasm-build\.\w+\/wit --world-name proxy -o \/out\/m\.wasm -d http fetch-event$/,
    );
    // A command's WIT is the built-in one as it is.
    expect(lines[2]).toBe('package wasi:http@0.2.12;');
  });

  it("renames the proxy world's WASI packages to the release the engine exports its handler at", () => {
    const { status, lines } = runScript('proxy', { engineVersion: '0.2.10' });
    expect(status).toBe(0);
    expect(lines[1]).not.toContain(' -d ');
    expect(lines[2]).toBe('package wasi:http@0.2.10;');
  });

  it('says which package is missing from node_modules', () => {
    const { status, stderr } = runScript('command', { tools: false });
    expect(status).toBe(1);
    expect(stderr).toMatch(/package\.json must depend on @bytecodealliance\/componentize-js/);
  });
});

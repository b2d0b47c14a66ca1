// User values never become shell text. Every string a module can set that ends up in a build step
// (flags, defines, options, ldflags, env, the custom build's argv) carries a command substitution; in the
// LLB each driver writes, those values may appear only as whole argv elements or env values of execs
// that are not shells, or as positional arguments after a fixed `sh -c` script, never inside a script.
import { describe, expect, it } from 'vitest';
import { driverFor } from '../../../frontend/languages/index.js';
import { buildCustom } from '../../../frontend/languages/custom.js';
import type { Language } from '../../../src/wasm-toml/index.js';
import { fakeInputs, moduleOf, runDriver } from './driver-llb.js';
import { image, local } from '../../../frontend/llb/index.js';
import { viewLlb, type ExecView } from '../llb/view.js';

const EVIL = '$(touch /pwned)`id`;rm -rf /';
const SHELLS = new Set(['sh', 'bash', '/bin/sh', '/bin/bash', 'dash', 'zsh']);

/** The shell scripts among a step's argv, which must not contain user text. */
function scripts(exec: ExecView): string[] {
  if (!SHELLS.has(exec.args[0]!)) return [];
  const c = exec.args.indexOf('-c');
  return c > 0 ? [exec.args[c + 1]!] : [];
}

const cases: [Language, string, string[]][] = [
  [
    'c',
    `c.flags = ["-DA=${EVIL}"]\nc.defines = ["B=${EVIL}"]\nc.link-flags = ["${EVIL}"]\nenv = { X = "${EVIL}" }`,
    ['hello.c'],
  ],
  ['cpp', `cpp.flags = ["${EVIL}"]\ncpp.defines = ["B=${EVIL}"]`, ['main.cpp']],
  ['go', `go.ldflags = ["-X main.v=${EVIL}"]\nenv = { X = "${EVIL}" }`, ['go.mod', 'go.sum', 'main.go']],
  ['tinygo', `tinygo.ldflags = ["-X main.v=${EVIL}"]\nenv = { X = "${EVIL}" }`, ['go.mod', 'main.go']],
  [
    'assemblyscript',
    `assemblyscript.options = ["${EVIL}"]\nenv = { X = "${EVIL}" }`,
    ['package.json', 'package-lock.json', 'assembly/index.ts'],
  ],
  ['zig', `zig.options = ["${EVIL}"]\nenv = { X = "${EVIL}" }`, ['src/main.zig']],
  ['javascript', `env = { X = "${EVIL}" }`, ['package.json', 'src/index.js']],
  ['python', `python.componentize-py = "${EVIL}"\nenv = { X = "${EVIL}" }`, ['app.py']],
];

describe('no shell interpolation of user values', () => {
  it.each(cases)('%s', async (language, toml, files) => {
    const run = await runDriver(driverFor(language)!, moduleOf(`language = "${language}"\n${toml}`), {
      files,
    });
    expect(run.execs.length).toBeGreaterThan(0);
    const seen = run.execs.flatMap((e) => [...e.args, ...e.env]).filter((a) => a.includes('touch /pwned'));
    expect(seen.length, 'the hostile value reaches the steps').toBeGreaterThan(0);
    for (const exec of run.execs) {
      for (const script of scripts(exec)) expect(script, exec.name).not.toContain('touch /pwned');
      if (SHELLS.has(exec.args[0]!))
        expect(exec.args.slice(0, 3).join(' '), exec.name).not.toContain('pwned');
    }
  });

  it('runs a custom build as the argv written, with no shell added', async () => {
    const module = moduleOf(
      `build = ["make", "CFLAGS=${EVIL}"]\noutput = "out.wasm"\ntoolchain.image = "registry.test/tools:1"`,
    );
    const built = await buildCustom(
      fakeInputs(module, [], { toolchain: image('registry.test/tools:1'), context: local('context') }),
    );
    const [exec] = viewLlb(built.output).execs;
    expect(exec!.args).toEqual(['make', `CFLAGS=${EVIL}`]);
  });
});

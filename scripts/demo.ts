// `npm run demo`: the main job end to end on the local testbed. Builds examples/hello-c for wasi/wasm with
// buildx, pushes it to the local registry, pulls it back with crane (an independent OCI client) and runs
// the module on every runtime, printing the pushed reference, its digest and each runtime's output.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTestbed, repoRoot } from '../test/support/testbed.js';
import { runProcess } from '../src/process.js';
import { wasmtime } from '../src/runtimes/wasmtime.js';
import { nodeWasi } from '../src/runtimes/node.js';

function must(res: { code: number; stderr: string }, what: string): void {
  if (res.code !== 0)
    throw new Error(`${what} failed:\n${res.stderr.trim().split('\n').slice(-20).join('\n')}`);
}

const up = spawnSync('npx', ['tsx', 'testbed/cli.ts', 'up'], { stdio: 'inherit', cwd: repoRoot });
if (up.status !== 0) process.exit(1);

const tb = loadTestbed();
const ref = `${tb.registry}/demo/hello-c:latest`;
const example = path.join(repoRoot, 'examples', 'hello-c');
console.log(`\nbuilding ${example} for wasi/wasm and pushing ${ref}`);
const build = await runProcess(
  'buildx',
  [
    'build',
    '--platform=wasi/wasm',
    '--provenance=false',
    `--build-arg=TOOLCHAIN=${tb.images.toolchain_c}`,
    `--tag=${ref}`,
    '--output=type=image,push=true,registry.insecure=true',
    example,
  ],
  { env: tb.env },
);
must(build, 'buildx build');

const digest = await runProcess('crane', ['digest', '--insecure', ref], { env: tb.env });
must(digest, 'crane digest');
const work = mkdtempSync(path.join(os.tmpdir(), 'demo-'));
const pulled = await runProcess(
  'sh',
  ['-c', 'crane export --insecure "$0" - | tar -x -C "$1" hello.wasm', ref, work],
  {
    env: tb.env,
  },
);
must(pulled, 'crane export');

console.log(`pushed:  ${ref}`);
console.log(`digest:  ${digest.stdout.trim()}`);
let ok = true;
for (const runtime of [wasmtime('wasmtime', tb.env), nodeWasi()]) {
  const res = await runtime.run({
    module: path.join(work, 'hello.wasm'),
    args: ['Wasm'],
    env: { GREETING: 'Howdy' },
    dirs: [],
  });
  ok &&= res.exitCode === 0;
  console.log(
    `${`${runtime.name} ${await runtime.version()}`.padEnd(18)} exit ${res.exitCode}: ${res.stdout.trim()}`,
  );
}
process.exit(ok ? 0 : 1);

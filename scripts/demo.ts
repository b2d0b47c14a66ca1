// `npm run demo`: the main job end to end on the local testbed, through the `wasm-build` CLI (the same
// pipeline the action runs). examples/hello-c goes through the frontend (the testbed's image, standing in
// for the released one), its [[module.test]] cases run on wasmtime, wazero and node:wasi, and only then
// T, T-wasm and T-<runtime> are pushed to the local registry. crane, an independent client, reads every
// tag back.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTestbed, repoRoot } from '../testbed/load.js';
import type { PipelineReport } from '../src/pipeline/index.js';

function fail(message: string): never {
  console.error(`demo: ${message}`);
  process.exit(1);
}

const up = spawnSync('npx', ['tsx', 'testbed/cli.ts', 'up'], { stdio: 'inherit', cwd: repoRoot });
if (up.status !== 0) fail('the testbed did not start');
const tb = loadTestbed();

const work = mkdtempSync(path.join(os.tmpdir(), 'demo-'));
const reportFile = path.join(work, 'report.json');
const tag = `${tb.registry}/demo/hello-c:latest`;
const argv = [
  path.join(repoRoot, 'dist', 'cli.mjs'),
  'push',
  path.join(repoRoot, 'examples', 'hello-c'),
  `--tag=${tag}`,
  '--runtime=wasmtime,wazero,node',
  `--frontend=${tb.images.frontend}`,
  `--build-arg=WASM_TOOLCHAIN_IMAGE_C=${tb.images.toolchain_c}`,
  `--work-dir=${work}`,
  `--report=${reportFile}`,
];
console.log(`\n$ wasm-build ${argv.slice(1).join(' ')}\n`);
const cli = spawnSync(process.execPath, argv, { stdio: 'inherit', env: tb.env });
if (cli.status !== 0) fail(`wasm-build exited with ${cli.status}`);

const report = JSON.parse(readFileSync(reportFile, 'utf8')) as PipelineReport;
console.log('\nread back with crane:');
for (const t of report.images.flatMap((i) => i.tags)) {
  const digest = spawnSync('crane', ['digest', '--insecure', t.reference], { env: tb.env, encoding: 'utf8' });
  if (digest.stdout.trim() !== t.digest)
    fail(`crane sees ${digest.stdout.trim() || digest.stderr} for ${t.reference}`);
  console.log(`  ${t.reference.padEnd(56)} ${t.digest}`);
}
console.log('every tag resolves to the digest that was pushed');

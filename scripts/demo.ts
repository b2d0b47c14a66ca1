// `npm run demo`: the main job end to end on the local testbed. examples/hello-c goes through the
// wasm-build frontend (buildx, `# syntax=` overridden by BUILDKIT_SYNTAX to the testbed's frontend image),
// the module from the OCI layout is test-run with its [[module.test]] cases on wasmtime and node:wasi, and
// only then the tags are pushed: T, T-wasm (CNCF artifact) and T-<runtime> for each runtime that passed.
// crane, an independent OCI client, reads every tag back.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTestbed, repoRoot } from '../testbed/load.js';
import { runProcess } from '../src/process.js';
import { buildxArgs } from '../src/build/buildx.js';
import { extractModule, findWasmImage, openLayout } from '../src/oci/index.js';
import { publish, type VerifiedRuntime } from '../src/publish/index.js';
import { parseWasmToml } from '../src/wasm-toml/index.js';
import { runTest } from '../src/testrun/index.js';
import { wasmtime } from '../src/runtimes/wasmtime.js';
import { nodeWasi } from '../src/runtimes/node.js';

function fail(message: string): never {
  console.error(`demo: ${message}`);
  process.exit(1);
}

const up = spawnSync('npx', ['tsx', 'testbed/cli.ts', 'up'], { stdio: 'inherit', cwd: repoRoot });
if (up.status !== 0) fail('the testbed did not start');
const tb = loadTestbed();

const example = path.join(repoRoot, 'examples', 'hello-c');
const file = path.join(example, 'wasm.toml');
const work = mkdtempSync(path.join(os.tmpdir(), 'demo-'));
const layoutDir = path.join(work, 'layout');

console.log(`\n1. build ${path.relative(repoRoot, file)} through the frontend ${tb.images.frontend}`);
const build = await runProcess(
  'buildx',
  buildxArgs({
    context: example,
    file,
    frontend: tb.images.frontend,
    buildArgs: { WASM_TOOLCHAIN_IMAGE_C: tb.images.toolchain_c! },
    layoutDir,
  }),
  { env: tb.env },
);
if (build.code !== 0) fail(`buildx failed:\n${build.stderr.split('\n').slice(-30).join('\n')}`);

const layout = await openLayout(layoutDir);
const image = await findWasmImage(layout);
const extracted = await extractModule(layout, image);
const modulePath = path.join(work, extracted.path);
writeFileSync(modulePath, extracted.bytes);
console.log(`   ${extracted.path}: ${extracted.bytes.length} bytes, image ${image.descriptor.digest}`);

console.log('\n2. test-run the module');
const parsed = parseWasmToml(readFileSync(file, 'utf8'), { filename: 'wasm.toml' });
if (!parsed.ok) fail(parsed.errors.map((e) => e.message).join('\n'));
const tests = parsed.spec.module[0]!.test;
const verified: VerifiedRuntime[] = [];
for (const runtime of [wasmtime('wasmtime', tb.env), nodeWasi()]) {
  const version = await runtime.version();
  let passed = true;
  for (const test of tests) {
    const outcome = await runTest(runtime, modulePath, test, { contextDir: example });
    passed &&= outcome.passed;
    const status = outcome.passed ? 'ok  ' : 'FAIL';
    console.log(
      `   ${status} ${`${runtime.name} ${version}`.padEnd(16)} ${test.name}: ${JSON.stringify(outcome.stdout)}`,
    );
    for (const p of outcome.problems) console.log(`        ${p}`);
  }
  if (passed) verified.push({ name: runtime.name, version });
}
if (verified.length === 0) fail('no runtime passed the tests: nothing is pushed');

const repository = `${tb.registry}/demo/hello-c`;
console.log(`\n3. push to ${repository}`);
const result = await publish({ layout, repository, tags: ['latest'], runtimes: verified });
for (const t of result.tags) console.log(`   pushed ${`${repository}:${t.tag}`.padEnd(48)} ${t.digest}`);
const uploaded = result.blobs.filter((b) => b.outcome === 'uploaded').length;
console.log(`   blobs: ${uploaded} uploaded, ${result.blobs.length - uploaded} already there or mounted`);

console.log('\n4. read back with crane');
for (const t of result.tags) {
  const digest = await runProcess('crane', ['digest', '--insecure', t.reference], { env: tb.env });
  if (digest.stdout.trim() !== t.digest)
    fail(`crane sees ${digest.stdout.trim() || digest.stderr} for ${t.reference}`);
}
console.log(`   every tag resolves to the digest that was pushed`);

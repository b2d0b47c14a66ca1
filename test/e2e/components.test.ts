// Every component example (target = "wasip2") through the whole pipeline as users run it: the CLI builds
// it with buildx, runs its [[module.test]] cases on wasmtime and on node (jco): commands run, HTTP handlers
// (the wasi:http/proxy world) served and sent their requests; then it pushes T, T-wasm, T-wasmtime and
// T-node. Independent clients read it back: wkg (oci-wasm, the CNCF artifact's reference client) pulls
// T-wasm's layer byte-identical to the built component, wasm-tools validates it, and the artifact config's
// imports and exports are those `wasm-tools component wit` prints for its world.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImageManifest } from '../../src/oci/media-types.js';
import { sha256 } from '../../src/oci/digest.js';
import { LANGUAGES, parseWasmToml, type Language, type ModuleSpec } from '../../src/wasm-toml/index.js';
import { cliBundle, wasmBuild } from '../support/cli.js';
import { runOk } from '../support/exec.js';
import { loadTestbed, repoRoot } from '../support/testbed.js';

const tb = loadTestbed();
const work = mkdtempSync(path.join(os.tmpdir(), 'components-e2e-'));
const runId = Date.now().toString(36);

/** Whether a module is built for the world of HTTP handlers (its cases send requests). */
const servesHttp = (m: ModuleSpec): boolean => (m.javascript ?? m.python)?.world === 'wasi:http/proxy';

const examples = readdirSync(path.join(repoRoot, 'examples')).flatMap((e) => {
  const file = path.join(repoRoot, 'examples', e, 'wasm.toml');
  const parsed = parseWasmToml(readFileSync(file, 'utf8'));
  return parsed.ok && parsed.spec.module.some((m) => m.target === 'wasip2')
    ? [{ name: e, module: parsed.spec.module[0]! }]
    : [];
});
const components = examples.filter((e) => !servesHttp(e.module)).map((e) => e.name);
const httpComponents = examples.filter((e) => servesHttp(e.module)).map((e) => e.name);

/** The command example of each language: component-<language>, or cli-<short name> where that reads better. */
const commandExample: Partial<Record<Language, string>> = { javascript: 'cli-js', python: 'cli-python' };

const ok = (cmd: string, args: string[]): Promise<string> => runOk(cmd, args, { env: tb.env });

/** The top-level imports and exports of the component's world, as wasm-tools prints it in WIT. */
function worldOf(wit: string): { imports: string[]; exports: string[] } {
  const world = /^world root \{\n([^]*?)^\}/m.exec(wit);
  if (!world) throw new Error(`no world root in:\n${wit}`);
  const names = (kind: string) =>
    // `import wasi:cli/environment@0.2.12;`, or a plain name: `import greet: func(...);`
    [...world[1]!.matchAll(new RegExp(`^\\s*${kind} (\\S+?)(?:;|: )`, 'gm'))].map((m) => m[1]!).sort();
  return { imports: names('import'), exports: names('export') };
}

describe('the component examples', () => {
  it('are every language the spec allows for wasip2 that builds here (TinyGo does not)', () => {
    const expected = LANGUAGES.filter((l) => l !== 'tinygo').map(
      (l) => commandExample[l] ?? `component-${l}`,
    );
    expect(components.sort()).toEqual(expected.sort());
  });
});

describe('wasm-build run', () => {
  it('runs a component on node through jco, with the arguments after --, printing nothing else even as it installs jco', async () => {
    const example = path.join(repoRoot, 'examples', 'component-c');
    // An empty tool cache of its own: jco's first install runs here on any machine, not only on a new one.
    const toolCache = mkdtempSync(path.join(work, 'tool-cache-'));
    const res = await wasmBuild(tb, work, ['run', example, '-r', 'node'], 'run-node', ['Wasm'], {
      RUNNER_TOOL_CACHE: toolCache,
      RUNNER_TEMP: path.join(work, 'runner-temp'),
    });
    expect(res.code, res.stderr.slice(-3000)).toBe(0);
    expect(res.stdout).toBe('Hello, Wasm!\n');
    expect(existsSync(path.join(toolCache, 'wasm-build-jco')), 'jco was installed into the empty cache').toBe(
      true,
    );
  });
});

/**
 * Examples whose components use Wasm features the Node.js running the tests may lack: the CLI, and so its
 * node runtime, runs on the testbed's Node.js 22 (the node image's) for them. componentize-py's CPython
 * uses extended-const, which Node.js 20 compiles only behind --experimental-wasm-extended-const.
 */
const needsNode22 = new Set(['cli-python', 'http-python']);

describe.each([...components, ...httpComponents])('%s', (name) => {
  it('builds, passes its tests on wasmtime and node (jco), and is pushed as image and artifact that wkg pulls back byte-identical', async () => {
    const repo = `${tb.registry}/components/${name}`;
    const tag = `${repo}:${runId}`;
    const node = needsNode22.has(name) ? tb.env.NODE_IMAGE_BIN : process.execPath;
    if (!node) throw new Error('the testbed env has no NODE_IMAGE_BIN: run `npm run testbed -- up` again');
    const res = await wasmBuild(
      tb,
      work,
      ['push', path.join(repoRoot, 'examples', name), '-t', tag, '-r', 'wasmtime,node'],
      name,
      [],
      {},
      [node, cliBundle],
    );
    expect(res.code, res.stderr.slice(-3000)).toBe(0);
    const report = res.report();
    const module = report.images[0]!.modules[0]!;
    expect(module.kind).toBe('component');

    // Every case ran on both runtimes (none skipped), and both are verified.
    const cases = parseWasmToml(readFileSync(path.join(repoRoot, 'examples', name, 'wasm.toml'), 'utf8'));
    if (!cases.ok) throw new Error('the example does not parse');
    const count = cases.spec.module[0]!.test.length;
    expect(report.tests.filter((t) => t.runtime === 'node' && t.passed && !t.skipped)).toHaveLength(count);
    expect(report.tests.filter((t) => t.runtime === 'wasmtime' && t.passed && !t.skipped)).toHaveLength(
      count,
    );
    expect(report.runtimes.map((r) => [r.name, r.verified])).toEqual([
      ['wasmtime', true],
      ['node', true],
    ]);
    expect(report.images[0]!.tags.map((t) => [t.tag, t.kind])).toEqual([
      [runId, 'image'],
      [`${runId}-wasm`, 'artifact'],
      [`${runId}-wasmtime`, 'runtime'],
      [`${runId}-node`, 'runtime'],
    ]);

    // wkg pulls the artifact over plain HTTP (--insecure names the loopback registry): the built bytes.
    const pulled = path.join(work, `${name}-pulled.wasm`);
    await ok('wkg', ['oci', 'pull', '--insecure', tb.registry, `${tag}-wasm`, '-o', pulled]);
    const built = readFileSync(module.file);
    expect(sha256(readFileSync(pulled))).toBe(sha256(built));
    await ok('wasm-tools', ['validate', pulled]);

    // The artifact's config, read by crane: the CNCF shape, with the world wasm-tools finds in it.
    const manifest = JSON.parse(
      await ok('crane', ['manifest', '--insecure', `${tag}-wasm`]),
    ) as ImageManifest;
    expect(manifest.config.mediaType).toBe('application/vnd.wasm.config.v0+json');
    expect(manifest.layers.map((l) => l.mediaType)).toEqual(['application/wasm']);
    const config = JSON.parse(await ok('crane', ['config', '--insecure', `${tag}-wasm`])) as {
      os: string;
      layerDigests: string[];
      component: { imports: string[]; exports: string[]; target: string | null };
    };
    expect(config.os).toBe('wasip2');
    expect(config.layerDigests).toEqual([sha256(built)]);
    const world = worldOf(await ok('wasm-tools', ['component', 'wit', pulled]));
    if (httpComponents.includes(name)) {
      expect(world.exports.filter((e) => e.startsWith('wasi:http/incoming-handler@0.2.'))).toHaveLength(1);
      expect(world.imports.some((i) => i.startsWith('wasi:http/types@0.2.'))).toBe(true);
    } else {
      expect(world.exports).toContain('wasi:cli/run@0.2.12');
      expect(world.imports).toContain('wasi:cli/environment@0.2.12');
    }
    expect({ imports: config.component.imports, exports: config.component.exports }).toEqual(world);
    expect(config.component.target).toBeNull();
  });
});

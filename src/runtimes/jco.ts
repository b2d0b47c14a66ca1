// Components on Node.js: jco's transpiler (js-component-bindgen, itself a component compiled to JS +
// WebAssembly, from the npm package @bytecodealliance/jco-transpile) turns the component into an ES module
// whose WASI imports are @bytecodealliance/preview2-shim's Node implementation; a child Node process
// transpiles, gives the shim the test's args, env and preopens, and calls `wasi:cli/run`. That is what
// `jco run` does, without jco's CLI and its dependencies. Both packages are installed like the other
// runtimes' releases: downloaded from the npm registry (a mirror may replace it), checked against the sha256
// pinned here, and kept in the tool cache.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import * as tc from '@actions/tool-cache';
import { download, extractTarball, InstallError, sha256File, tempDir } from './install.js';

/**
 * The tarballs, by sha256 of the registry's .tgz. frontend/Dockerfile pins the same two (with jco's own
 * package, for the preview1 adapter) as build-arg defaults; a unit test keeps the two copies equal.
 */
export const JCO_PACKAGES = [
  {
    name: '@bytecodealliance/jco-transpile',
    version: '0.15.0',
    sha256: '8386c1fe1919f57747626ac9622f7505efd560394ee0b43544907ff963fb6aff',
  },
  {
    name: '@bytecodealliance/preview2-shim',
    version: '0.26.1',
    sha256: '58e433a5febead468ecedd97756fe49d845589d29f3e02e23972baae270f8372',
  },
] as const;

export const NPM_REGISTRY = 'https://registry.npmjs.org';

/** One tool-cache entry holds both packages as a node_modules tree: the transpiler imports the shim by name. */
const TOOL = 'wasm-build-jco';
export const jcoVersion = () => `${JCO_PACKAGES[0].version}-shim.${JCO_PACKAGES[1].version}`;

/** "jco-transpile 0.15.0, preview2-shim 0.26.1", for logs. */
export const jcoDescription = JCO_PACKAGES.map((p) => `${p.name.split('/')[1]} ${p.version}`).join(', ');

/** `<registry>/@scope/name/-/name-<version>.tgz`, the path every npm registry (and mirror) serves. */
export function tarballUrl(registry: string, pkg: { name: string; version: string }): string {
  const base = pkg.name.split('/').pop()!;
  return `${registry.replace(/\/+$/, '')}/${pkg.name}/-/${base}-${pkg.version}.tgz`;
}

/** The directory holding `node_modules/@bytecodealliance/...`: from the tool cache, else downloaded. */
export async function installJco(opts: { npmRegistry?: string; log?: (m: string) => void } = {}): Promise<{
  dir: string;
  source: 'tool-cache' | 'download';
}> {
  const log = opts.log ?? (() => {});
  const cached = tc.find(TOOL, jcoVersion());
  if (cached) return { dir: cached, source: 'tool-cache' };
  const root = await mkdtemp(path.join(tempDir(), 'jco-'));
  try {
    for (const pkg of JCO_PACKAGES) {
      const url = tarballUrl(opts.npmRegistry ?? NPM_REGISTRY, pkg);
      log(`${pkg.name} ${pkg.version}: downloading ${url}`);
      const file = await download(url, undefined);
      try {
        const got = await sha256File(file);
        if (got !== pkg.sha256) {
          throw new InstallError(
            `checksum mismatch for ${url}: wasm-build pins sha256:${pkg.sha256}, the download is ` +
              `sha256:${got}. Nothing was installed; check the npm registry (npm-registry).`,
          );
        }
        // npm tarballs hold the package under `package/`.
        const dest = path.join(root, 'node_modules', pkg.name);
        await mkdir(dest, { recursive: true });
        await extractTarball(file, dest, 'tar.gz', 1);
      } finally {
        await rm(file, { force: true });
      }
    }
    log(`${jcoDescription}: sha256 match the pins`);
    return { dir: await tc.cacheDir(root, TOOL, jcoVersion()), source: 'download' };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

// Both scripts below run as `node --input-type=module -e SCRIPT <json>`; kept as strings so bundles need no
// extra file. The transpiled module imports the shim by the same file URLs the runner configures it
// through, so both see one instance of it.
const TRANSPILE = `
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const file = (jco, pkg, f) => pathToFileURL(path.join(jco, 'node_modules', '@bytecodealliance', pkg, f)).href;
const shimOf = (jco) => (name) => file(jco, 'preview2-shim', 'dist/nodejs/' + name + '.js');
async function transpile(jco, module, dir) {
  const { $init, generate } = await import(file(jco, 'jco-transpile', 'vendor/js-component-bindgen-component.js'));
  await $init;
  const map = ['cli', 'clocks', 'filesystem', 'http', 'io', 'random', 'sockets'].map((n) => ['wasi:' + n + '/*', shimOf(jco)(n) + '#*']);
  const out = generate(readFileSync(module), { name: 'component', map, noTypescript: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of out.files) writeFileSync(path.join(dir, name), bytes);
}
`;

/** Transpiles `cfg.module` once into `cfg.out`, for JCO_RUNNER's `transpiled` (a loaded module's runs). */
export const JCO_TRANSPILER = `${TRANSPILE}
const cfg = JSON.parse(process.argv[1]);
await transpile(cfg.jco, cfg.module, cfg.out);
`;

// Runs one component: transpiled beforehand (`cfg.transpiled`), or here into a temporary directory
// removed on any exit (the guest's `wasi:cli/exit` ends the process from inside the shim). The shim writes
// stdout and stderr on this thread, so nothing is lost when it exits.
export const JCO_RUNNER = `${TRANSPILE}
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
const cfg = JSON.parse(process.argv[1]);
let dir = cfg.transpiled;
if (dir === undefined) {
  dir = mkdtempSync(path.join(tmpdir(), 'wasm-build-jco-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  await transpile(cfg.jco, cfg.module, dir);
}
const shim = shimOf(cfg.jco);
const cli = await import(shim('cli'));
const fs = await import(shim('filesystem'));
cli._setArgs(cfg.args);
cli._setEnv(cfg.env);
cli._setCwd(cfg.cwd);
fs._setPreopens(cfg.preopens);
const component = await import(pathToFileURL(path.join(dir, 'component.js')).href);
if (!component.run?.run) {
  console.error('not a command component: it exports no wasi:cli/run');
  process.exit(70);
}
try {
  await component.run.run();
  process.exitCode = 0;
} catch (err) {
  if (err !== undefined) console.error(err);
  process.exitCode = 1;
}
`;

// Serves one transpiled HTTP component (`cfg.transpiled`) with the shim's wasi:http server on a port the
// kernel picks on loopback, and says where on stderr; the guest's environment is the server's.
export const JCO_HTTP_SERVER = `${TRANSPILE}
const cfg = JSON.parse(process.argv[1]);
const shim = shimOf(cfg.jco);
const cli = await import(shim('cli'));
cli._setEnv(cfg.env);
const { HTTPServer } = await import(shim('http'));
const component = await import(pathToFileURL(path.join(cfg.transpiled, 'component.js')).href);
if (!component.incomingHandler) {
  console.error('not an HTTP component: it exports no wasi:http/incoming-handler');
  process.exit(70);
}
const server = new HTTPServer(component.incomingHandler);
server.listen(0, '127.0.0.1');
console.error('listening on http://127.0.0.1:' + server.address().port + '/');
`;

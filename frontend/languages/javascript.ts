// JavaScript and TypeScript with componentize-js. The project's npm dependencies (componentize-js and
// esbuild among them, pinned by its lockfile) in their own step, whose only inputs are package.json and
// the lockfile (languages/npm.ts); then one offline step: esbuild bundles the entry and what it imports
// into one ES module (TypeScript is stripped of its types on the way), and componentize-js makes that a
// component for the module's world, its WIT written by the frontend for a built-in world.
import path from 'node:path/posix';
import type { ModuleSpec } from '../../src/wasm-toml/index.js';
import { ModuleError } from '../convert/module-error.js';
import { scratch } from '../llb/index.js';
import { OUT_DIR, SRC_DIR, type BuildInputs, type BuiltModule, type LanguageDriver } from './driver.js';
import { NODE_IMAGE, nodeModulesMount, npmDependencies } from './npm.js';
import { WASI_WIT_VERSION } from './wasi-wit.js';
import { chooseWorld } from './world.js';

/** The packages the compile step runs, from the project's own node_modules. */
export const JS_TOOLS = ['@bytecodealliance/componentize-js', 'esbuild'] as const;

/** Where componentize-js keeps its engine: StarlingMonkey (SpiderMonkey) compiled to a core module. */
const ENGINE = 'node_modules/@bytecodealliance/componentize-js/lib/starlingmonkey_embedding.wasm';

/**
 * Prints the WASI version of the engine's own `wasi:http/incoming-handler` export (its fetch-event
 * handler), or nothing when it has none.
 */
const ENGINE_WASI_VERSION =
  'const m = new WebAssembly.Module(require("fs").readFileSync(process.argv[1]));' +
  'const e = WebAssembly.Module.exports(m).map((x) => x.name)' +
  '.find((n) => n.startsWith("wasi:http/incoming-handler@"));' +
  'console.log(e ? e.slice(e.indexOf("@") + 1, e.indexOf("#")) : "")';

/**
 * The compile step, a fixed script; every value from wasm.toml comes in as a positional argument:
 * `$1` entry, `$2` WIT directory, `$3` world, `$4` output, `$5` which world: `command` or `proxy` (built
 * in) or `own`.
 *
 * A command leaves out the engine's HTTP support (`-d http fetch-event`), which would import `wasi:http`
 * that `wasmtime run` and node do not give a command. For `proxy`: the built-in WIT is WASI 0.2.12, but
 * componentize-js 0.23's engine exports its fetch-event handler as `wasi:http/incoming-handler@0.2.10`,
 * and a component's exports must match its world's exactly (imports may be any compatible 0.2.x), so the
 * proxy world's packages are renamed to the engine's 0.2 release, which declares the same interfaces.
 */
export const COMPILE_SCRIPT = [
  'set -eu',
  'entry="$1" wit="$2" world="$3" out="$4" kind="$5"',
  `for tool in ${JS_TOOLS.join(' ')}; do`,
  '  if [ ! -d "node_modules/$tool" ]; then',
  '    echo "wasm-build: package.json must depend on $tool: a JavaScript module is bundled by esbuild and made a component by @bytecodealliance/componentize-js, both from the project\'s node_modules" >&2',
  '    exit 1',
  '  fi',
  'done',
  // Under the working directory: componentize-js reads the WIT from a Wasm build of its splicer that
  // sees only the working directory (a path outside it is "No such file or directory").
  'work="$(mktemp -d "$PWD/.wasm-build.XXXXXX")"',
  'npx --no-install esbuild "$entry" --bundle --format=esm --platform=browser "--external:wasi:*" \\',
  '  --log-level=warning "--outfile=$work/bundle.js"',
  'if [ "$kind" != own ]; then cp -R "$wit" "$work/wit"; wit="$work/wit"; fi',
  'if [ "$kind" = proxy ]; then',
  `  version="$(node -e '${ENGINE_WASI_VERSION}' ${ENGINE})"`,
  '  if [ -n "$version" ]; then',
  `    find "$wit" -name "*.wit" -exec sed -i "s/@${WASI_WIT_VERSION.replaceAll('.', '\\.')}/@$version/g" {} +`,
  '  fi',
  'fi',
  // The source first: `-d` takes every argument after it.
  'set -- "$work/bundle.js" --wit "$wit" --world-name "$world" -o "$out"',
  'if [ "$kind" = command ]; then set -- "$@" -d http fetch-event; fi',
  'npx --no-install componentize-js "$@"',
].join('\n');

/** The compile script's `$5`. */
function worldKind(opts: NonNullable<ModuleSpec['javascript']>): string {
  if (opts.wit !== undefined) return 'own';
  return opts.world === 'wasi:http/proxy' ? 'proxy' : 'command';
}

function options(module: ModuleSpec): NonNullable<ModuleSpec['javascript']> {
  if (!module.javascript) throw new Error(`module "${module.name}" has no javascript options`);
  return module.javascript;
}

export const javascriptDriver: LanguageDriver = {
  languages: ['javascript'],
  defaultImage: () => NODE_IMAGE,
  async build(inputs: BuildInputs): Promise<BuiltModule> {
    const { module, label, ignoreCache } = inputs;
    const opts = options(module);
    const deps = await npmDependencies(
      inputs,
      `a JavaScript module needs one that depends on ${JS_TOOLS.join(' and ')}`,
    );
    if ((await inputs.files([opts.entry])).length === 0) {
      throw new ModuleError(
        module.name,
        ['javascript', 'entry'],
        `the entry "${opts.entry}" is not under "${module.source}" (set javascript.entry)`,
      );
    }
    const world = chooseWorld(opts, module.source, label, ignoreCache);
    const out = `${OUT_DIR}/${module.name}.wasm`;
    const cwd = path.join(SRC_DIR, module.source);
    const compile = inputs.toolchain.run({
      args: [
        'sh',
        '-c',
        COMPILE_SCRIPT,
        'wasm-build-javascript',
        opts.entry,
        world.witDir,
        world.world,
        out,
        worldKind(opts),
      ],
      env: deps.env,
      cwd,
      network: 'none',
      mounts: [
        // Writable only because runc must create the node_modules mount point inside it (on a read-only
        // mount that fails with EROFS); the exec's copy of the context is thrown away.
        { type: 'bind', dest: SRC_DIR, source: inputs.context },
        nodeModulesMount(deps, cwd),
        { type: 'bind', dest: OUT_DIR, source: scratch() },
        ...(world.mount ? [world.mount] : []),
      ],
      ignoreCache,
      customName: `${label} esbuild ${opts.entry} + componentize-js (${opts.world})`,
    });
    return { output: compile.mount(OUT_DIR), path: `/${module.name}.wasm` };
  },
};

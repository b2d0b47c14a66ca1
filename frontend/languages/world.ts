// The WIT world a JavaScript or Python component is built for: one of the built-in WASI worlds, whose
// WIT the frontend writes into the build, or a world of the module's own WIT directory.
import path from 'node:path/posix';
import { BUILTIN_WORLDS, type BuiltinWorld } from '../../src/wasm-toml/component-languages.js';
import { FileActions, scratch, type MountSpec } from '../llb/index.js';
import { SRC_DIR } from './driver.js';
import { WASI_WIT_PACKAGES, WASI_WIT_VERSION } from './wasi-wit.js';

/** Where the compile step sees the built-in worlds' WIT directory. */
export const BUILTIN_WIT_DIR = '/wasm-build/wit';

export interface WorldChoice {
  /** The WIT directory, as the compile step sees it. */
  witDir: string;
  /** The world's name within it, as the tools take it. */
  world: string;
  /** The mount that puts a built-in WIT directory there (none for the module's own). */
  mount?: MountSpec;
}

/** The root package of the built-in WIT directory: one world that includes the WASI world. */
export function builtinWorldWit(world: BuiltinWorld): string {
  return (
    `// Written by wasm-build: the built-in world ${world}.\n` +
    'package wasm-build:app;\n\n' +
    `world ${localName(world)} {\n  include ${world}@${WASI_WIT_VERSION};\n}\n`
  );
}

/** `wasi:http/proxy` -> `proxy`. */
const localName = (world: BuiltinWorld): string => world.slice(world.lastIndexOf('/') + 1);

/**
 * `wit` unset: the built-in world (the schema's rules reject any other world without `wit`). The WIT
 * files are written with a fixed timestamp, so the step that writes them is cached across builds.
 */
export function chooseWorld(
  opts: { world: string; wit?: string },
  source: string,
  label: string,
  ignoreCache: boolean,
): WorldChoice {
  if (opts.wit !== undefined) return { witDir: path.join(SRC_DIR, source, opts.wit), world: opts.world };
  const world = BUILTIN_WORLDS.find((w) => w === opts.world);
  if (!world) throw new Error(`world "${opts.world}" is not built in and the module names no wit directory`);
  const at = { createdTime: new Date(0) };
  let files = new FileActions().mkfile('/world.wit', 0o644, builtinWorldWit(world), at);
  for (const [name, text] of Object.entries(WASI_WIT_PACKAGES)) {
    files = files
      .mkdir(`/deps/${name}`, 0o755, { parents: true, ...at })
      .mkfile(`/deps/${name}/package.wit`, 0o644, text, at);
  }
  const dir = scratch().file(files, { ignoreCache, customName: `${label} WIT of ${world}` });
  return {
    witDir: BUILTIN_WIT_DIR,
    world: localName(world),
    mount: { type: 'bind', dest: BUILTIN_WIT_DIR, source: dir, readonly: true },
  };
}

// What the conversion from wasm.toml to LLB needs of BuildKit, and nothing more: run a state's steps,
// read and list the result's files, resolve an image's config. The gateway provides it; options,
// the definition file and the result are build.ts's business (as BuildKit's dockerui is for dockerfile2llb).
import type { Gateway } from '../gateway/index.js';

export type BuildIO = Pick<Gateway, 'caps' | 'solve' | 'readFile' | 'readDir' | 'resolveImageConfig'>;

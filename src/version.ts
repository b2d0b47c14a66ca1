// The release this code belongs to, and the frontend image released with it: the action and the CLI
// build with the frontend of their own release unless told otherwise, so the two move together.
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
export const FRONTEND_REPOSITORY = 'ghcr.io/wasm-build/wasm-frontend';
export const DEFAULT_FRONTEND = `${FRONTEND_REPOSITORY}:${VERSION}`;

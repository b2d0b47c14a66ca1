// What tests and the demo know about the running testbed: the shell-sourceable file `npm run testbed -- up` writes.
// WASM_BUILD_TESTBED_ENV points at another env file (a developer's own services); otherwise .testbed/env.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from './env.js';
import { repoRoot } from './config.js';

export { repoRoot };

export interface Testbed {
  /** Every variable from the env file, merged over process.env, PATH extended: pass it to child processes. */
  env: NodeJS.ProcessEnv;
  buildkitHost: string;
  /** host:port of the anonymous registry on loopback. */
  registry: string;
  /** host:port of the htpasswd-protected registry, and its credentials. */
  registryAuth: { host: string; username: string; password: string };
  /** Image references in the local registry: IMAGE_* variables with the prefix dropped, lower-cased. */
  images: Record<string, string>;
}

export function loadTestbed(): Testbed {
  const file = process.env.WASM_BUILD_TESTBED_ENV ?? path.join(repoRoot, '.testbed', 'env');
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: start the testbed with \`npm run testbed -- up\` (npm test does this).`,
    );
  }
  const vars = parseEnv(readFileSync(file, 'utf8'));
  const need = (name: string): string => {
    const v = vars[name];
    if (!v) throw new Error(`${file} does not set ${name}: run \`npm run testbed -- up\` again.`);
    return v;
  };
  const env: NodeJS.ProcessEnv = { ...process.env, ...vars };
  if (vars.TESTBED_PATH) env.PATH = `${vars.TESTBED_PATH}:${process.env.PATH ?? ''}`;
  const images: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) {
    if (k.startsWith('IMAGE_')) images[k.slice('IMAGE_'.length).toLowerCase()] = v;
  }
  return {
    env,
    buildkitHost: need('BUILDKIT_HOST'),
    registry: need('REGISTRY'),
    registryAuth: {
      host: need('REGISTRY_AUTH'),
      username: need('REGISTRY_AUTH_USER'),
      password: need('REGISTRY_AUTH_PASSWORD'),
    },
    images,
  };
}

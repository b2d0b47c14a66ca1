// Installs one of the testbed's tools into the tools directory WASM_BUILD_CACHE names (read when
// testbed/config.ts loads, hence a process of its own) and prints the path of the program it gives, or the
// image reference: test/e2e/testbed-tools.test.ts runs each install from an empty directory.
// Usage: tsx test/support/install-testbed-tool.ts <tool> [registry]
import path from 'node:path';
import { containerd2 } from '../../testbed/config.js';
import { containerd2Paths } from '../../testbed/containerd2.js';
import { ensureDebianDocker } from '../../testbed/docker.js';
import { ensureDockerfileFrontendImage } from '../../testbed/dockerfile-frontend.js';
import { buildGoTool, ensureGoTool, ensureWasmTools, wasmToolsBin } from '../../testbed/tools.js';

const [tool, registry] = process.argv.slice(2);
const installs: Record<string, () => Promise<string>> = {
  actionlint: () => ensureGoTool('actionlint'),
  dockerd: () => ensureGoTool('dockerd'),
  containerd2: async () => {
    await buildGoTool(containerd2);
    return containerd2Paths().containerd;
  },
  'docker-debian': async () => path.join(await ensureDebianDocker(), 'usr', 'sbin', 'dockerd'),
  'wasm-tools': async () => {
    await ensureWasmTools();
    return wasmToolsBin();
  },
  'dockerfile-frontend': () => {
    if (!registry) throw new Error('dockerfile-frontend needs the registry to push to');
    return ensureDockerfileFrontendImage(registry);
  },
};
const install = tool === undefined ? undefined : installs[tool];
if (!install)
  throw new Error(`usage: install-testbed-tool.ts <${Object.keys(installs).join('|')}> [registry]`);
process.stdout.write(`${await install()}\n`);

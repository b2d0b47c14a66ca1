// The import boundary between the frontend and the host side, as `npm run lint` enforces it.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/testbed.js';

const eslint = new ESLint({ cwd: repoRoot });

async function restricted(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const probe = imported;\n`, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the frontend/host import boundary', () => {
  it('lets the frontend import the wasm.toml module and the primitives', async () => {
    expect(
      await restricted(
        'frontend/probe.ts',
        "import { parseWasmToml as imported } from '../src/wasm-toml/index.js';",
      ),
    ).toEqual([]);
    expect(
      await restricted(
        'frontend/llb/probe.ts',
        "import { wasmKind as imported } from '../../src/primitives/wasm-preamble.js';",
      ),
    ).toEqual([]);
  });

  it.each([
    ['frontend/probe.ts', "import { RegistryClient as imported } from '../src/oci/index.js';"],
    ['frontend/gateway/probe.ts', "import { runPipeline as imported } from '../../src/pipeline/index.js';"],
    ['frontend/probe.ts', "import { loadTestbed as imported } from '../test/support/testbed.js';"],
    ['src/cli/probe.ts', "import { convert as imported } from '../../frontend/convert/convert.js';"],
    ['src/probe.ts', "import { loadTestbed as imported } from '../testbed/load.js';"],
  ])('refuses %s importing across it', async (file, source) => {
    expect(await restricted(file, source)).toHaveLength(1);
  });
});

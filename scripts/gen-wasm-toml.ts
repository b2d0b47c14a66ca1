// Writes the files generated from the wasm.toml schema table (src/wasm-toml/schema.ts):
//   schema/wasm.schema.json   the JSON Schema for editors
//   docs/wasm-toml.md         the reference doc
// `npx tsx scripts/gen-wasm-toml.ts` writes them; `--check` exits 1 if they are out of date.
// test/unit/wasm-toml/generated.test.ts checks the same thing in the unit tests.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { renderJsonSchema } from '../src/wasm-toml/json-schema.js';
import { renderReferenceDoc } from '../src/wasm-toml/reference-doc.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The generated files, formatted the way the repository's prettier config formats them. */
export async function generatedFiles(): Promise<{ path: string; content: string }[]> {
  const files = [
    { path: 'schema/wasm.schema.json', content: JSON.stringify(renderJsonSchema(), null, 2) },
    { path: 'docs/wasm-toml.md', content: renderReferenceDoc() },
  ];
  return Promise.all(
    files.map(async ({ path, content }) => {
      const filepath = `${root}${path}`;
      const options = (await prettier.resolveConfig(filepath)) ?? {};
      return { path, content: await prettier.format(content, { ...options, filepath }) };
    }),
  );
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { path, content } of await generatedFiles()) {
    const current = await readFile(`${root}${path}`, 'utf8').catch(() => '');
    if (current === content) continue;
    if (check) {
      console.error(`${path} is out of date: run npx tsx scripts/gen-wasm-toml.ts`);
      stale++;
    } else {
      await writeFile(`${root}${path}`, content);
      console.log(`wrote ${path}`);
    }
  }
  process.exitCode = stale > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

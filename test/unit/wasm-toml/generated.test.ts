import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../../scripts/gen-wasm-toml.js';

describe('files generated from the schema table', () => {
  it.each(['schema/wasm.schema.json', 'docs/wasm-toml.md'])(
    '%s is up to date (npx tsx scripts/gen-wasm-toml.ts)',
    async (path) => {
      const file = (await generatedFiles()).find((f) => f.path === path);
      expect(file).toBeDefined();
      expect(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8')).toBe(file?.content);
    },
  );
});

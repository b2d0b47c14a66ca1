import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../../src/wasm-toml/index.js';
import { readCorpus } from './corpus.js';
import { VALID_CASES } from './valid-cases.js';

// The published schema file, as an editor would load it, checked with ajv in strict mode (which also
// rejects keywords it does not know, so the schema stays plain draft-07).
const schema = JSON.parse(
  readFileSync(new URL('../../../schema/wasm.schema.json', import.meta.url), 'utf8'),
) as object;
const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addFormat('regex', (s: string) => {
  try {
    compilePattern(s);
    return true;
  } catch {
    return false;
  }
});
const validate = ajv.compile(schema);

/** TOML -> JSON as taplo sees it: dates become strings. */
const toJson = (text: string): unknown => JSON.parse(JSON.stringify(getStaticTOMLValue(parseTOML(text))));

describe('schema/wasm.schema.json', () => {
  it.each(VALID_CASES.map((c) => [c.name, c.toml] as const))('accepts the valid case: %s', (_name, toml) => {
    expect(validate(toJson(toml)), ajv.errorsText(validate.errors)).toBe(true);
  });

  it('accepts the reference doc examples', () => {
    const doc = readFileSync(new URL('../../../docs/wasm-toml.md', import.meta.url), 'utf8');
    const examples = [...doc.matchAll(/```toml\n([\s\S]*?)```/g)]
      .map((m) => m[1] ?? '')
      .filter((t) => t.includes('[module]'));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const toml of examples) expect(validate(toJson(toml)), ajv.errorsText(validate.errors)).toBe(true);
  });

  // Files marked `schema: reject` have type, enum, pattern or unknown-key errors an editor can show;
  // `accept` files are wrong only in ways between keys, which the parser alone checks.
  it.each(readCorpus().map((c) => [c.name, c] as const))('classifies the invalid file: %s', (_name, file) => {
    if (file.schema === 'none') {
      expect(() => parseTOML(file.text)).toThrow();
      return;
    }
    expect(validate(toJson(file.text)), ajv.errorsText(validate.errors)).toBe(file.schema === 'accept');
  });
});

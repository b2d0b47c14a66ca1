// wasm.toml text -> the normalized spec, for tests: the parse errors are thrown, so a test's input that
// does not parse fails loudly rather than as a confusing assertion.
import { parseWasmToml, type ModuleSpec, type Spec } from '../../src/wasm-toml/index.js';

export function specOf(text: string): Spec {
  const parsed = parseWasmToml(text, { filename: 'wasm.toml' });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
  return parsed.spec;
}

/** The module of a file that is `[module]` followed by `body`. */
export function moduleOf(body: string): ModuleSpec {
  return specOf(`[module]\n${body}\n`).module[0]!;
}

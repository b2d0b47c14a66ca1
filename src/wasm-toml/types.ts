import type { Language, MODULE_FIELDS, ROOT_FIELDS, TEST_FIELDS } from './schema.js';
import type { SourceRange, SpecPath } from './source.js';

// The normalized spec's types, derived from the schema table so the two cannot disagree: a key with a
// default or a computed default, a map, an array of tables and a non-optional table are always present
// (filled with defaults); any other key is optional.

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type ItemValue<I> = I extends { kind: 'enum'; values: readonly (infer V)[] } ? V : string;

type ValueOf<K> = K extends { kind: 'string' }
  ? string
  : K extends { kind: 'enum'; values: readonly (infer V)[] }
    ? V
    : K extends { kind: 'boolean' }
      ? boolean
      : K extends { kind: 'integer' }
        ? number
        : K extends { kind: 'list'; item: infer I }
          ? ItemValue<I>[]
          : K extends { kind: 'map' }
            ? Record<string, string>
            : K extends { kind: 'table'; fields: infer F }
              ? Normalized<F>
              : K extends { kind: 'tables'; fields: infer F }
                ? Normalized<F>[]
                : never;

type AlwaysPresent<K> = K extends { kind: 'map' | 'tables' }
  ? true
  : K extends { kind: 'table' }
    ? K extends { optional: true } | { language: string }
      ? false
      : true
    : K extends { default: unknown } | { computed: string }
      ? true
      : false;

export type Normalized<F> = Simplify<
  { -readonly [P in keyof F as AlwaysPresent<F[P]> extends true ? P : never]: ValueOf<F[P]> } & {
    -readonly [P in keyof F as AlwaysPresent<F[P]> extends true ? never : P]?: ValueOf<F[P]>;
  }
>;

export type TestSpec = Normalized<typeof TEST_FIELDS>;
export type ModuleSpec = Normalized<typeof MODULE_FIELDS>;
export type ImageSpec = ModuleSpec['image'];
export type ToolchainSpec = ModuleSpec['toolchain'];
export type Target = ModuleSpec['target'];
export type { Language };

/** The normalized wasm.toml: every default filled in, `[module]` turned into a one-element `module` array. */
export type SpecData = Normalized<typeof ROOT_FIELDS>;

export interface Spec extends SpecData {
  /**
   * Where a value of this spec was written: the value itself, or for a defaulted value the closest
   * enclosing table that was written (so a build failure can always point somewhere). Not enumerable,
   * so the spec stays plain data for JSON and deep equality.
   */
  readonly locate: (path: SpecPath) => SourceRange;
}

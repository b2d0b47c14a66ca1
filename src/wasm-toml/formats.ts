// String formats the schema table refers to by name. Each one validates (with a reason a person can act
// on), describes itself for the reference doc, and gives the JSON Schema fragment editors check. That
// fragment may be weaker than `check` where JSON Schema cannot say it (taplo's regex engine has no
// look-around), never stronger.
import { parseReference } from '../primitives/reference.js';

export interface Format {
  /** A short type name for the reference doc's tables. */
  readonly label: string;
  /** What a valid value looks like, for the reference doc. */
  readonly describe: string;
  /** Why `value` is not valid, or undefined when it is. */
  check(value: string): string | undefined;
  /** The canonical form stored in the normalized spec. */
  normalize?(value: string): string;
  readonly json: Readonly<Record<string, unknown>>;
  /**
   * Data a module reads or writes (stdin, expected output), which may hold NUL bytes; every other string
   * becomes an argument, an environment value or a path, none of which can carry one.
   */
  readonly carriesNul?: true;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const STEM = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const SECRET_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** RFC 9110's token: the characters a header field name may hold. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HTTP_PATH = /^\/[^\s#]*$/;
/** `name`, or a package's world `namespace:package/name`, optionally `@version`. */
const WIT_WORLD =
  /^(?:[a-z][a-z0-9-]*:[a-z][a-z0-9-]*(?:\/[a-z][a-z0-9-]*)*\/)?[a-z][a-z0-9-]*(?:@[0-9A-Za-z.+-]+)?$/;
const PYTHON_MODULE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const CARGO_FEATURE = /^(?:dep:)?[A-Za-z0-9_][A-Za-z0-9_+.-]*(?:\/[A-Za-z0-9_][A-Za-z0-9_+.-]*)?$/;

function relativePathProblem(value: string): string | undefined {
  if (value === '') return 'must not be empty';
  if (value.includes('\\')) return 'must use "/" as the separator';
  if (value.startsWith('/')) return 'must be a relative path';
  if (value.split('/').includes('..')) return 'must not contain ".." (it would leave the build context)';
  return undefined;
}

/** `./src//lib/` -> `src/lib`; `./` -> `.` */
function normalizeRelative(value: string): string {
  const parts = value.split('/').filter((p) => p !== '' && p !== '.');
  return parts.length === 0 ? '.' : parts.join('/');
}

export const FORMATS = {
  text: {
    label: 'string',
    describe: 'any string without NUL characters',
    check: () => undefined,
    json: {},
  },
  data: {
    label: 'string',
    describe: 'any string, NUL characters (`\\u0000`) included',
    check: () => undefined,
    json: {},
    carriesNul: true,
  },
  'non-empty': {
    label: 'string',
    describe: 'a non-empty string',
    check: (v: string) => (v === '' ? 'must not be empty' : undefined),
    json: { minLength: 1 },
  },
  'file-stem': {
    label: 'file stem',
    describe: 'a file name stem: letters, digits, ".", "_" and "-", starting with a letter or digit',
    check: (v: string) => {
      if (v === '') return 'must not be empty';
      if (v.endsWith('.wasm')) return 'is a file stem: leave out ".wasm"';
      if (v.length > 128) return 'must be at most 128 characters';
      return STEM.test(v)
        ? undefined
        : 'may hold only letters, digits, ".", "_" and "-", starting with a letter or digit';
    },
    json: { pattern: STEM.source, maxLength: 128 },
  },
  'variable-name': {
    label: 'name',
    describe: 'a variable name: letters, digits and "_", not starting with a digit',
    check: (v: string) =>
      NAME.test(v) ? undefined : 'may hold only letters, digits and "_", not starting with a digit',
    json: { pattern: NAME.source },
  },
  'c-define': {
    label: 'macro',
    describe: 'a preprocessor macro, `NAME` or `NAME=VALUE`',
    check: (v: string) => {
      if (v.startsWith('-D')) return 'is the macro itself: leave out "-D"';
      const name = v.split('=', 1)[0] ?? '';
      return NAME.test(name) ? undefined : 'must be NAME or NAME=VALUE, NAME a C identifier';
    },
    json: { pattern: '^[A-Za-z_][A-Za-z0-9_]*(=|$)' },
  },
  'relative-path': {
    label: 'relative path',
    describe: 'a relative path with "/" separators and no ".."',
    check: relativePathProblem,
    normalize: normalizeRelative,
    json: { minLength: 1, pattern: '^[^/]' },
  },
  glob: {
    label: 'glob',
    describe: 'a glob pattern (`*`, `**`, `?`, `[...]`) relative to `source`',
    check: relativePathProblem,
    json: { minLength: 1, pattern: '^[^/]' },
  },
  'absolute-path': {
    label: 'absolute path',
    describe: 'an absolute path inside the guest, starting with "/"',
    check: (v: string) => (v.startsWith('/') ? undefined : 'must be an absolute path (start with "/")'),
    json: { pattern: '^/' },
  },
  'secret-id': {
    label: 'secret id',
    describe: 'a build secret id: letters, digits, `_`, `-` and `.`',
    check: (v: string) =>
      SECRET_ID.test(v)
        ? undefined
        : 'may hold only letters, digits, "_", "-" and ".", starting with a letter or digit',
    json: { pattern: SECRET_ID.source },
  },
  'image-reference': {
    label: 'image reference',
    describe: 'an image reference, `[registry/]repository[:tag][@digest]` (build args `${NAME}` allowed)',
    // A value with `${NAME}` is checked once the build args are in, where the image is used.
    check: (v: string) => {
      if (v.includes('${')) return undefined;
      try {
        parseReference(v);
        return undefined;
      } catch (e) {
        return `is not an image reference: ${(e as Error).message.replace(/^invalid image reference "[^"]*": /, '')}`;
      }
    },
    json: { minLength: 1, pattern: '^[^\\s]+$' },
  },
  'cargo-feature': {
    label: 'feature',
    describe: 'a Cargo feature: `name`, `package/name` or `dep:name` (letters, digits, `_`, `-`, `+`, `.`)',
    check: (v: string) =>
      v.includes('${') || CARGO_FEATURE.test(v)
        ? undefined
        : 'is not a Cargo feature name (letters, digits, "_", "-", "+", ".", optionally "package/" or "dep:" before it)',
    json: { pattern: CARGO_FEATURE.source.replace('(?:', '(') },
  },
  'header-name': {
    label: 'header name',
    describe: "an HTTP header field name: letters, digits and `!#$%&'*+.^_`|~-` (compared ignoring case)",
    check: (v: string) =>
      HEADER_NAME.test(v) ? undefined : 'is not an HTTP header name (letters, digits, "-", ...)',
    json: { pattern: HEADER_NAME.source },
  },
  'http-path': {
    label: 'request path',
    describe: 'a path and optional query, starting with "/", e.g. `/hello?name=Wasm`',
    check: (v: string) =>
      HTTP_PATH.test(v) ? undefined : 'must start with "/" and hold no spaces or "#", e.g. /hello?name=Wasm',
    json: { pattern: HTTP_PATH.source },
  },
  'wit-world': {
    label: 'world',
    describe: 'a WIT world: `name` or `namespace:package/name`, optionally `@version` (kebab-case)',
    check: (v: string) =>
      WIT_WORLD.test(v)
        ? undefined
        : 'is not a WIT world name: `name` or `namespace:package/name[@version]`, lower-case kebab-case',
    json: { pattern: WIT_WORLD.source.replaceAll('(?:', '(') },
  },
  'python-module': {
    label: 'module',
    describe: 'a Python module name, e.g. `app` or `service.main`',
    check: (v: string) =>
      v.endsWith('.py')
        ? 'is a module name: leave out ".py"'
        : PYTHON_MODULE.test(v)
          ? undefined
          : 'is not a Python module name (identifiers separated by ".")',
    json: { pattern: PYTHON_MODULE.source.replaceAll('(?:', '(') },
  },
  regex: {
    label: 'regex',
    describe: 'a JavaScript regular expression (with the `u` flag), searched for anywhere in the text',
    check: (v: string) => {
      try {
        compilePattern(v);
        return undefined;
      } catch (e) {
        // V8 says "Invalid regular expression: /<source>/u: <reason>"; the reason is the news.
        return `is not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')}`;
      }
    },
    json: { format: 'regex' },
  },
} as const satisfies Record<string, Format>;

export type FormatName = keyof typeof FORMATS;

/**
 * How `expect.stdout-matches` is compiled, here so that the validator and the test runner agree:
 * JavaScript syntax, Unicode mode, unanchored (write `^...$` to match the whole output).
 */
export function compilePattern(source: string): RegExp {
  return new RegExp(source, 'u');
}

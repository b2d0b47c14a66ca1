// The wasm.toml tables of the languages that build only components, for a WIT world: JavaScript and
// TypeScript (componentize-js) and Python (componentize-py). Part of the schema table (schema.ts).

/** Languages whose modules are always components (`target = "wasip2"`). */
export const COMPONENT_ONLY_LANGUAGES: readonly string[] = ['javascript', 'python'];

/** Worlds whose WIT the frontend carries (WASI 0.2): a module targeting one needs no `wit` directory. */
export const BUILTIN_WORLDS = ['wasi:cli/command', 'wasi:http/proxy'] as const;
export type BuiltinWorld = (typeof BUILTIN_WORLDS)[number];

/** The componentize-py release installed (from PyPI, in the fetch step) when wasm.toml names none. */
export const COMPONENTIZE_PY_VERSION = '0.25.1';

const worldFields = {
  world: {
    kind: 'string',
    format: 'wit-world',
    default: 'wasi:cli/command',
    description:
      'The WIT world the component implements: `wasi:cli/command` (a command: export `run`) or ' +
      '`wasi:http/proxy` (an HTTP handler: export `incoming-handler`), both built in; or a world of the ' +
      '`wit` directory.',
  },
  wit: {
    kind: 'string',
    format: 'relative-path',
    description:
      'A WIT directory, relative to `source`, holding `world` and its dependencies under `deps/` (as ' +
      '`wkg wit fetch` leaves them). Needed for any world but the built-in ones.',
  },
} as const;

export const JAVASCRIPT_TABLE = {
  kind: 'table',
  language: 'javascript',
  description:
    'Options for JavaScript and TypeScript (esbuild bundles the entry and its npm dependencies into one ' +
    'ES module, componentize-js makes it a component).',
  fields: {
    entry: {
      kind: 'string',
      format: 'relative-path',
      default: 'src/index.js',
      description: 'Entry module, relative to `source`; a `.ts` entry is TypeScript.',
    },
    ...worldFields,
  },
} as const;

export const PYTHON_TABLE = {
  kind: 'table',
  language: 'python',
  description: 'Options for Python (componentize-py; `requirements.txt` is installed into the component).',
  fields: {
    app: {
      kind: 'string',
      format: 'python-module',
      default: 'app',
      description:
        'The module that implements the world (`app` is `app.py` in `source`), e.g. a `Run` class for ' +
        '`wasi:cli/command`.',
    },
    'componentize-py': {
      kind: 'string',
      format: 'non-empty',
      interpolate: true,
      default: COMPONENTIZE_PY_VERSION,
      description:
        'The componentize-py release pip installs (from PyPI, or the index `PIP_INDEX_URL` names).',
    },
    ...worldFields,
  },
} as const;

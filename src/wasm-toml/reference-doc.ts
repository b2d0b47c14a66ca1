import { FORMATS } from './formats.js';
import { describeKey, interpolates } from './json-schema.js';
import { COMPONENT_RUNTIMES } from './rules.js';
import {
  FORMAT_VERSION,
  LANGUAGES,
  MODULE_FIELDS,
  ROOT,
  RUNTIMES,
  type Fields,
  type Key,
  type Language,
  type TableKey,
  type TablesKey,
} from './schema.js';
import { quotedList } from './suggest.js';

// Renders docs/wasm-toml.md: a hand-written introduction (below) and a reference table per TOML table,
// generated from the schema table so that the doc cannot drift from the parser.

const code = (items: readonly string[]): string => items.map((i) => `\`${i}\``).join(', ');

const ADAPTED = 'the wasip1 module, made a component with the preview1 adapter';
/** How each language's driver (frontend/languages/) makes a component. */
const COMPONENT_ROUTES: Record<Language, string> = {
  c: ADAPTED,
  cpp: ADAPTED,
  rust: `\`wasm32-wasip2\` on Rust >= 1.82, else ${ADAPTED}`,
  go: ADAPTED,
  tinygo: '`-target=wasip2`',
  assemblyscript: `${ADAPTED} (the frontend adds a \`cabi_realloc\` export for it)`,
  zig: ADAPTED,
  javascript: 'componentize-js, for `javascript.world` (components only)',
  python: 'componentize-py, for `python.world` (components only)',
};

const languageRows = (): string =>
  LANGUAGES.map((language) => {
    const options = Object.entries(MODULE_FIELDS)
      .filter(([, key]) => key.kind === 'table' && 'language' in key && key.language === language)
      .map(([name]) => `\`[module.${name}]\``);
    return `| \`${language}\` | ${options.join(', ')} | ${COMPONENT_ROUTES[language]} |`;
  }).join('\n');

const intro = (expanded: string[], languageOptions: string[]): string => `
# wasm.toml reference

\`wasm.toml\` describes how to build WebAssembly modules into OCI images. BuildKit hands it to the
wasm-build frontend named on its first line; the GitHub Action builds with it, test-runs the module and
pushes. A typical file is a few lines:

\`\`\`toml
# syntax=ghcr.io/acme/wasm-frontend:v1
[module]
name = "hello"
language = "c"
\`\`\`

\`docker buildx build -f wasm.toml -t ghcr.io/acme/hello .\` compiles every \`*.c\` file of the build context
with wasi-sdk, strips it at link time, and returns an image that holds only
\`/hello.wasm\`, with the module as its entrypoint.

A fuller one, in Rust, with tests for the action:

\`\`\`toml
# syntax=ghcr.io/acme/wasm-frontend:v1
[build-args]
VERSION = "dev"

[module]
name = "greeter"
language = "rust"
source = "crates/greeter"
exclude = ["target/**"]
rust.features = ["json"]

[module.image]
args = ["--greeting", "hello"]
labels = { "org.opencontainers.image.version" = "\${VERSION}" }

[[module.test]]
name = "greets"
args = ["world"]
expect.stdout = "hello, world\\n"

[[module.test]]
name = "rejects a missing name"
expect = { stdout-matches = "^usage:", exit-code = 2 }
\`\`\`

## Modules and targets

\`[module]\` declares one module. For several, write \`[[module]]\` once per module; a build makes the
module named by \`--target\` (the first one by default) into one image. Add a top-level \`[image]\` table
to put every module into a single image instead; \`--target\` (or \`image.entrypoint\`) then picks the
module the image runs. Tests go in \`[[module.test]]\` after the module they test.

Options that only make sense for one language live in a table named after it and are rejected for a
module in another language. Instead of a language, \`build\` runs your own command (an argument list,
never a shell string) and \`output\` says where it writes the module.

| \`language\` | options | \`target = "wasip2"\` (a component) is |
| --- | --- | --- |
${languageRows()}

## Size or build time: \`optimize.wasm-opt\`

A release build is stripped at link time (\`optimize.strip\`: no debug info, no name section) and is not
run through binaryen's \`wasm-opt\`, which saves a few percent of size for a large share of the build
time. Set \`wasm-opt = "Os"\` (or \`Oz\`, \`O1\`-\`O4\`) under \`[module.optimize]\` to trade time for
size. What \`Os\` gave on the examples, from \`BENCHMARKS.md\` (the 5-run bench of 2026-11-30, 2 cores;
cold builds; the smaller size is against the module stripped without optimising, which link-time
stripping matches but for the small \`producers\` section):

| example | module | gzipped | the wasm-opt step | cold build with it |
| --- | --- | --- | --- | --- |
| \`hello-c\` (C) | 25,208 to 24,503 B (-2.8%) | 10,916 to 10,774 B (-1.3%) | 0.59 s | 1.23 s |
| \`rust-crates\` (Rust) | 87,080 to 76,965 B (-11.6%) | 33,938 to 31,990 B (-5.7%) | 1.55 s | 2.70 s |
| \`go\` (Go) | 3,429,358 to 3,176,074 B (-7.4%) | 1,067,180 to 984,881 B (-7.7%) | 18.27 s | 25.61 s |

The step runs binaryen.js (the C++ tool compiled to WebAssembly) in the frontend's own image, so its time
grows with the module: seconds for megabytes. A module with a custom \`build\`, which the frontend cannot
strip at link time, goes through \`wasm-opt\` with no level to be stripped, unless \`strip = false\`.

## Paths

\`source\` and the host side of a test's \`dirs\` are relative to the build context. \`include\`, \`exclude\`,
\`output\` and the language tables' files and patterns are relative to \`source\`. Paths use \`/\`, may not be
absolute and may not contain \`..\`.

## Build args

\`[build-args]\` declares build arguments with their defaults; \`--build-arg NAME=value\` overrides one
(undeclared ones are ignored, as Docker does). \`\${NAME}\` uses one, and \`$$\` is a literal \`$\`; any other
\`$\` is taken literally. They are expanded only in ${code(expanded)}, and in the language tables'
${code(languageOptions)}. Referring to a build arg that \`[build-args]\` does not declare is an error.

## Checks beyond types

Besides types, allowed values and unknown keys, the parser checks:

- a module has a \`language\` or a \`build\` command; \`build\` needs \`output\`, and \`toolchain.image\` when
  there is no \`language\`; \`output\` is only for \`build\`;
- \`target = "wasip2"\` (a component) is not passed through \`wasm-opt\`, is test-run only on
  ${quotedList(COMPONENT_RUNTIMES)}, and expects exit code 0 or 1 (WASI 0.2's exit has no other codes);
- a language table (\`[module.rust]\`) matches the module's \`language\` and is not combined with \`build\`;
- module names and, within a module, test names are unique; \`image.entrypoint\` names a module;
- \`expect.stdout\` and \`expect.stdout-matches\` are not both set, and the pattern compiles;
- a toolchain \`version\` is not combined with an \`image\` that already has a tag.

Every error names the file, line and column, says what is allowed, and suggests the closest key or
value when a name looks misspelt. All errors are reported at once, in file order:

\`\`\`text
wasm.toml:4:1: unknown key "langauge" in [module]
  4 | langauge = "c"
    | ^^^^^^^^
  hint: did you mean "language"?
\`\`\`

## Editor support

\`schema/wasm.schema.json\` is a JSON Schema of this file for taplo and the Even Better TOML extension
(completion, hover docs, type checks). Point a \`.taplo.toml\` at it:

\`\`\`toml
[[rule]]
include = ["**/wasm.toml"]
schema.path = "./schema/wasm.schema.json"
\`\`\`

## Reference

Every key, format version ${FORMAT_VERSION}. "—" means unset. Test runtimes: ${code(RUNTIMES)}.
`;

export function renderReferenceDoc(): string {
  const sections: string[] = [];
  const expanded = { paths: new Set<string>(), languageOptions: new Set<string>() };
  walk(ROOT.fields, '', '', ROOT.since, false, sections, expanded);
  return [
    '<!-- Generated from src/wasm-toml/schema.ts by `npx tsx scripts/gen-wasm-toml.ts`. Do not edit. -->',
    intro([...expanded.paths], [...expanded.languageOptions]),
    ...sections,
  ].join('\n');
}

/** Renders one section per table, depth first; sibling tables that share their keys get one section. */
function walk(
  fields: Fields,
  dotted: string,
  title: string,
  since: string,
  inLanguageTable: boolean,
  sections: string[],
  expanded: { paths: Set<string>; languageOptions: Set<string> },
): void {
  const rows = ['| Key | Type | Default | Since | Description |', '| --- | --- | --- | --- | --- |'];
  const nested = new Map<Fields, { names: string[]; key: TableKey | TablesKey }>();
  for (const [name, key] of Object.entries(fields)) {
    const path = dotted ? `${dotted}.${name}` : name;
    if (interpolates(key))
      (inLanguageTable ? expanded.languageOptions : expanded.paths).add(inLanguageTable ? name : path);
    const cells = [
      `\`${name}\``,
      typeOf(key, path),
      defaultOf(key),
      key.since ?? since,
      cell(describeKey(key)),
    ];
    rows.push(`| ${cells.join(' | ')} |`);
    if (key.kind === 'table' || key.kind === 'tables') {
      const group = nested.get(key.fields) ?? { names: [], key };
      group.names.push(name);
      nested.set(key.fields, group);
    }
  }
  sections.push(`### ${title || 'Top level'}\n`, rows.join('\n'), '');
  for (const [childFields, { names, key }] of nested) {
    const shared = names.length > 1;
    const path = dotted ? `${dotted}.${shared ? '<language>' : names[0]}` : (names[0] ?? '');
    const heading =
      path === 'module'
        ? '`[module]` / `[[module]]`'
        : key.kind === 'tables'
          ? `\`[[${path}]]\``
          : `\`[${path}]\``;
    const languageOptions = key.kind === 'table' && key.language !== undefined && path.startsWith('module.');
    // Shared tables (toolchains.<language>) get one section, under a placeholder path.
    walk(childFields, path, heading, key.since ?? since, languageOptions, sections, expanded);
  }
}

function typeOf(key: Key, path: string): string {
  switch (key.kind) {
    case 'string':
      return FORMATS[key.format].label;
    case 'enum':
      return key.values.map((v) => `\`"${v}"\``).join(' \\| ');
    case 'boolean':
    case 'integer':
      return key.kind === 'integer' ? `integer ${key.minimum}–${key.maximum}` : 'boolean';
    case 'list':
      return key.item.kind === 'enum'
        ? `array of ${key.item.values.map((v) => `\`"${v}"\``).join(' \\| ')}`
        : `array of ${FORMATS[key.item.format].label}`;
    case 'map':
      return `table of ${FORMATS[key.keys].label} = ${FORMATS[key.values.format].label}`;
    case 'table':
      return key.language ? `table, for \`language = "${key.language}"\`` : `table, see \`[${path}]\``;
    case 'tables':
      return `array of tables, see \`[[${path}]]\``;
  }
}

function defaultOf(key: Key): string {
  switch (key.kind) {
    case 'map':
      return '`{}`';
    case 'tables':
      return key.required ? 'required' : '`[]`';
    case 'table':
      return key.optional || key.language ? '—' : 'all defaults';
    default:
      if ('computed' in key && key.computed) return 'computed';
      return key.default === undefined ? '—' : `\`${JSON.stringify(key.default)}\``;
  }
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectProject, initProject, InitError, moduleName } from '../../../src/cli/init.js';
import { parseWasmToml, type ModuleSpec } from '../../../src/wasm-toml/index.js';

const FRONTEND = 'registry.example/wasm-frontend:9.9.9';

/** A temporary project directory named `name` holding `files` (path -> content). */
function project(name: string, files: Record<string, string>): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'init-')), name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** Runs init on `dir`, then parses what it wrote with wasm-build's own parser. */
function initAndParse(dir: string): { text: string; module: ModuleSpec } {
  const { file } = initProject(dir, FRONTEND);
  const text = readFileSync(file, 'utf8');
  const parsed = parseWasmToml(text);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  expect(parsed.spec.module).toHaveLength(1);
  return { text, module: parsed.spec.module[0]! };
}

describe('wasm-build init', () => {
  it('writes the syntax line first and a test case to complete', () => {
    const { text, module } = initAndParse(project('hello', { 'hello.c': 'int main(void){return 0;}\n' }));
    expect(text.split('\n')[0]).toBe(`# syntax=${FRONTEND}`);
    expect(module.test.map((t) => t.name)).toEqual(['runs']);
    expect(module.test[0]!.expect['exit-code']).toBe(0);
  });

  it('Rust: the package name of Cargo.toml', () => {
    const dir = project('crate-dir', {
      'Cargo.toml': '[package]\nname = "wordcount"\nversion = "0.1.0"\n\n[dependencies]\nname = "not this"\n',
      'src/main.rs': 'fn main() {}\n',
    });
    const { module } = initAndParse(dir);
    expect([module.language, module.name]).toEqual(['rust', 'wordcount']);
  });

  it('Go: the main package in a subdirectory, named after it', () => {
    const dir = project('svc', {
      'go.mod': 'module example.com/svc/v2\n\ngo 1.23\n',
      'internal/lib/lib.go': 'package lib\n',
      'cmd/greet/main.go': 'package main\n\nfunc main() {}\n',
      'cmd/greet/main_test.go': 'package main\n',
    });
    const { module } = initAndParse(dir);
    expect([module.language, module.name, module.go?.package]).toEqual(['go', 'greet', './cmd/greet']);
  });

  it('Go: a main package at the root keeps the default package and the module path last element', () => {
    const dir = project('x', { 'go.mod': 'module example.com/tally/v2\n', 'main.go': 'package main\n' });
    const { module, text } = initAndParse(dir);
    expect([module.name, module.go?.package]).toEqual(['tally', '.']);
    expect(text).not.toContain('[module.go]');
  });

  it('Zig: build.zig, with the root source where the project has it', () => {
    const dir = project('zigapp', { 'build.zig': '', 'main.zig': 'pub fn main() void {}\n' });
    const { module } = initAndParse(dir);
    expect([module.language, module.name, module.zig?.root]).toEqual(['zig', 'zigapp', 'main.zig']);
  });

  it('Zig: src/main.zig without build.zig', () => {
    const { module, text } = initAndParse(project('z', { 'src/main.zig': '' }));
    expect([module.language, module.zig?.root]).toEqual(['zig', 'src/main.zig']);
    expect(text).not.toContain('[module.zig]');
  });

  it('AssemblyScript: package.json depending on assemblyscript; the build never sees node_modules', () => {
    const dir = project('as', {
      'package.json': JSON.stringify({ name: '@scope/wc', devDependencies: { assemblyscript: '0.28.20' } }),
      'package-lock.json': '{}',
      'assembly/index.ts': '',
      'node_modules/assemblyscript/package.json': '{}',
    });
    const { module } = initAndParse(dir);
    expect([module.language, module.name]).toEqual(['assemblyscript', 'wc']);
    expect(module.include).toEqual(['assembly/**', 'package.json', 'package-lock.json']);
  });

  it('JavaScript: package.json depending on componentize-js; a fetch listener makes an HTTP handler', () => {
    const pkg = JSON.stringify({
      name: 'greet',
      devDependencies: { '@bytecodealliance/componentize-js': '0.23.0' },
    });
    const cli = initAndParse(
      project('js', { 'package.json': pkg, 'src/index.js': 'export const run = {};' }),
    );
    expect([cli.module.language, cli.module.name, cli.module.target]).toEqual([
      'javascript',
      'greet',
      'wasip2',
    ]);
    expect(cli.module.javascript).toEqual({ entry: 'src/index.js', world: 'wasi:cli/command' });
    expect(cli.text).not.toContain('[module.javascript]');
    const http = initAndParse(
      project('ts', { 'package.json': pkg, 'index.ts': "addEventListener('fetch', (e) => {});" }),
    );
    expect(http.module.javascript).toEqual({ entry: 'index.ts', world: 'wasi:http/proxy' });
    expect(http.module.include).toEqual(['index.ts', 'package.json']);
    // An HTTP handler gets no command test case.
    expect(http.module.test).toEqual([]);
  });

  it('Python: the module with a componentize-py world class, and requirements.txt', () => {
    const cli = initAndParse(
      project('py', {
        'app.py': 'from wit_world import exports\nclass Run(exports.Run):\n    pass\n',
        'requirements.txt': 'humanize\n',
      }),
    );
    expect([cli.module.language, cli.module.python?.app, cli.module.python?.world]).toEqual([
      'python',
      'app',
      'wasi:cli/command',
    ]);
    expect(cli.module.include).toEqual(['**/*.py', 'requirements.txt']);
    const http = initAndParse(
      project('svc', {
        'setup.py': '',
        'svc/handler.py': 'class Handler(exports.IncomingHandler):\n    pass\n',
      }),
    );
    expect([http.module.python?.app, http.module.python?.world]).toEqual(['svc.handler', 'wasi:http/proxy']);
    expect(detectProject(project('plain', { 'main.py': 'print(1)\n' }))).toBeUndefined();
  });

  it('a package.json without assemblyscript is not AssemblyScript', () => {
    const dir = project('web', { 'package.json': JSON.stringify({ dependencies: { react: '1' } }) });
    expect(detectProject(dir)).toBeUndefined();
  });

  it.each([
    [{ 'a.c': '', 'b.cpp': '' }, 'cpp'],
    [{ 'src/a.c': '' }, 'c'],
    [{ 'main.cc': '' }, 'cpp'],
  ])('C family: %j is %s', (files, language) => {
    expect(initAndParse(project('prog', files)).module.language).toBe(language);
  });

  it('ignores sources under build output and hidden directories', () => {
    const dir = project('p', { 'target/x.c': '', '.git/y.c': '', 'README.md': '' });
    expect(detectProject(dir)).toBeUndefined();
  });

  it('refuses to overwrite an existing wasm.toml and leaves it as it was', () => {
    const dir = project('p', { 'hello.c': '', 'wasm.toml': '# mine\n' });
    expect(() => initProject(dir, FRONTEND)).toThrow(InitError);
    expect(() => initProject(dir, FRONTEND)).toThrow(/already exists/);
    expect(readFileSync(path.join(dir, 'wasm.toml'), 'utf8')).toBe('# mine\n');
  });

  it('says what it looks for when it finds no project', () => {
    expect(() => initProject(project('empty', { 'notes.txt': '' }), FRONTEND)).toThrow(
      /no Cargo\.toml, go\.mod, build\.zig/,
    );
  });

  it('names a missing directory, or a file given as one', () => {
    const dir = project('p', { 'hello.c': '' });
    expect(() => initProject(path.join(dir, 'nope'), FRONTEND)).toThrow(/nope: no such directory/);
    expect(() => initProject(path.join(dir, 'hello.c'), FRONTEND)).toThrow(/hello\.c: no such directory/);
  });

  it.each([
    ['my app', 'my-app'],
    ['-x', 'x'],
    ['@@@', 'module'],
    ['a.wasm', 'a'],
  ])('module name of %j is %j', (raw, name) => {
    expect(moduleName(raw)).toBe(name);
  });
});

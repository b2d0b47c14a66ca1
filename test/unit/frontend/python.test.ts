// The Python driver's LLB, pinned: componentize-py installed by pip in a step keyed by its version alone,
// requirements.txt installed (pure-Python wheels only) in a step that sees that file alone, both with
// network and pip's cache; then componentize-py offline, with the built-in world's WIT mounted.
import { describe, expect, it } from 'vitest';
import {
  PACKAGES_DIR,
  PIP_CACHE_ID,
  PYTHON_IMAGE,
  TOOLS_DIR,
  pythonDriver,
} from '../../../frontend/languages/python.js';
import { BUILTIN_WIT_DIR } from '../../../frontend/languages/world.js';
import { chooseToolchainImage } from '../../../frontend/convert/toolchain.js';
import { execNamed, moduleOf, runDriver } from './driver-llb.js';

const PY = 'language = "python"\n';
const PIP = ['python3', '-m', 'pip', 'install', '--target'];

describe('python driver: steps', () => {
  it('without requirements.txt: componentize-py, then the command world', async () => {
    const run = await runDriver(pythonDriver, moduleOf(PY), { files: ['app.py'] });
    expect(run.execs.map((e) => e.name)).toEqual([
      '[m] pip install componentize-py==0.25.1',
      '[m] componentize-py componentize app (wasi:cli/command)',
    ]);
    const tools = execNamed(run, '[m] pip install componentize-py');
    expect(tools.args).toEqual([
      ...PIP,
      TOOLS_DIR,
      '--only-binary=:all:',
      '--no-compile',
      'componentize-py==0.25.1',
    ]);
    expect(tools.network).toBe('sandbox');
    expect(tools.mounts).toContainEqual({
      dest: '/root/.cache/pip',
      type: 'cache',
      cache: { id: PIP_CACHE_ID, sharing: 'shared' },
    });
    const compile = execNamed(run, '[m] componentize-py componentize');
    expect(compile.args).toEqual([
      'python3',
      `${TOOLS_DIR}/bin/componentize-py`,
      '-d',
      BUILTIN_WIT_DIR,
      '-w',
      'command',
      'componentize',
      'app',
      '-p',
      '.',
      '-o',
      '/out/m.wasm',
    ]);
    expect(compile).toMatchObject({ cwd: '/src', network: 'none' });
    expect(compile.env).toContain(`PYTHONPATH=${TOOLS_DIR}`);
    expect(run.result.path).toBe('/m.wasm');
  });

  it('with requirements.txt, an own world and another componentize-py', async () => {
    const toml =
      `${PY}source = "svc"\n[module.python]\napp = "service.main"\nworld = "local:svc/greeter"\n` +
      'wit = "wit"\ncomponentize-py = "0.24.0"';
    const run = await runDriver(pythonDriver, moduleOf(toml), {
      files: ['requirements.txt', 'service/main/__init__.py', 'wit/world.wit'],
    });
    expect(run.execs.map((e) => e.name)).toEqual([
      '[m] pip install componentize-py==0.24.0',
      '[m] pip install -r requirements.txt',
      '[m] componentize-py componentize service.main (local:svc/greeter)',
    ]);
    const deps = execNamed(run, '[m] pip install -r');
    expect(deps.args).toEqual([
      ...PIP,
      PACKAGES_DIR,
      '--only-binary=:all:',
      '--platform',
      'any',
      '--no-compile',
      '-r',
      '/wasm-build/requirements.txt',
    ]);
    // Only requirements.txt reaches the step.
    expect(run.copies.map((c) => [c.src, c.dest])).toEqual([['/svc/requirements.txt', '/requirements.txt']]);
    const compile = execNamed(run, '[m] componentize-py componentize');
    expect(compile.args.slice(2)).toEqual([
      '-d',
      '/src/svc/wit',
      '-w',
      'local:svc/greeter',
      'componentize',
      'service.main',
      '-p',
      '.',
      '-p',
      PACKAGES_DIR,
      '-o',
      '/out/m.wasm',
    ]);
    expect(compile.mounts.map((m) => m.dest)).not.toContain(BUILTIN_WIT_DIR);
    expect(compile.mounts).toContainEqual({
      dest: PACKAGES_DIR,
      type: 'bind',
      from: '[m] pip install -r requirements.txt #1',
      readonly: true,
    });
  });

  it('refuses a module without its app module', async () => {
    await expect(runDriver(pythonDriver, moduleOf(PY), { files: ['main.py'] })).rejects.toThrow(
      /the app module "app" is neither app\.py nor app\/__init__\.py under "\." \(set python\.app\)/,
    );
  });

  it('builds in the official Python image unless told otherwise', () => {
    expect(chooseToolchainImage(moduleOf(PY), pythonDriver, new Map())).toBe(PYTHON_IMAGE);
    expect(PYTHON_IMAGE).toMatch(/^docker\.io\/library\/python:3\.\d+-slim-bookworm$/);
  });
});

// Registry credentials never leak: the CLI and the action (under act) push to the testbed's htpasswd
// registry with a password that appears nowhere else, and everything they produced is searched for it,
// plain and base64-encoded: their output and log, the job summary and step outputs, the JSON report,
// the work directory (layouts, modules), and the pushed manifests and image configs.
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWorkflow } from '../support/act.js';
import { run } from '../support/exec.js';
import { loadTestbed, repoRoot } from '../support/testbed.js';

const tb = loadTestbed();
const { host, username, password } = tb.registryAuth;
const basic = Buffer.from(`${username}:${password}`).toString('base64');
const needles = [password, basic];

/** A DOCKER_CONFIG as `docker login` leaves it, with the testbed's buildx plugin beside it. */
function dockerConfig(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docker-config-'));
  symlinkSync(path.join(tb.env.DOCKER_CONFIG!, 'cli-plugins'), path.join(dir, 'cli-plugins'));
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { [host]: { auth: basic } } }));
  return dir;
}

/** Every file under `dir`, as text (binary files too: a secret would show as its bytes). */
function filesUnder(dir: string): [string, string][] {
  const out: [string, string][] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push([p, readFileSync(p, 'latin1')]);
  }
  return out;
}

/** The manifest and image config a tag points at, read with crane (which logs in by DOCKER_CONFIG). */
async function pushedContent(reference: string, env: NodeJS.ProcessEnv): Promise<string> {
  const manifest = await run('crane', ['manifest', '--insecure', reference], { env });
  const config = await run('crane', ['config', '--insecure', reference], { env });
  expect(manifest.code, manifest.stderr).toBe(0);
  return manifest.stdout + config.stdout;
}

function expectNoSecret(where: string, text: string): void {
  for (const n of needles) expect(text.includes(n), `the secret is in ${where}`).toBe(false);
}

describe('registry credentials', () => {
  it('the CLI pushes with them and leaves them nowhere', async () => {
    const config = dockerConfig();
    const work = mkdtempSync(path.join(os.tmpdir(), 'secret-cli-'));
    const env = { ...tb.env, DOCKER_CONFIG: config, CI: 'true' };
    const ref = `${host}/cli/secret:${Date.now()}`;
    const res = await run(
      process.execPath,
      [
        path.join(repoRoot, 'dist/cli.mjs'),
        'push',
        path.join(repoRoot, 'examples/hello-c'),
        `--tag=${ref}`,
        '--runtime=wasmtime',
        `--frontend=${tb.images.frontend}`,
        `--build-arg=WASM_TOOLCHAIN_IMAGE_C=${tb.images.toolchain_c}`,
        `--work-dir=${work}`,
      ],
      { env },
    );
    expect(res.code, res.stderr.slice(-2000)).toBe(0);
    expectNoSecret('the CLI output', res.stdout + res.stderr);
    for (const [file, text] of filesUnder(work)) expectNoSecret(file, text);
    const report = JSON.parse(readFileSync(path.join(work, 'report.json'), 'utf8')) as {
      images: { tags: { reference: string }[] }[];
    };
    expect(report.images[0]!.tags).toHaveLength(3);
    for (const t of report.images[0]!.tags)
      expectNoSecret(t.reference, await pushedContent(t.reference, env));
  });

  it('the action pushes with them under act and leaves them nowhere', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'act-cache-'));
    mkdirSync(cacheDir, { recursive: true });
    const act = await runWorkflow(tb, 'test/e2e/act/secret.yml', {
      cacheDir,
      env: { RUN_TAG: `t${Date.now()}` },
      secrets: { REGISTRY_AUTH_B64: basic },
    });
    expect(act.code, act.output.slice(-3000)).toBe(0);
    expectNoSecret("act's log, the job summary included", act.output);
    const outputs = act.result('push.json')!;
    expectNoSecret('the step outputs', outputs);
    const tags = (JSON.parse(outputs) as { tags: string }).tags.split('\n');
    expect(tags).toHaveLength(3);
    const env = { ...tb.env, DOCKER_CONFIG: dockerConfig() };
    for (const t of tags) expectNoSecret(t, await pushedContent(t, env));
  });
});

describe('build secrets', () => {
  const value = `s3cret-${Date.now()}-value`;
  const digest = createHash('sha256').update(value).digest('hex');

  /** A C module whose custom build proves it read the secret (by its hash) before compiling. */
  function context(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'build-secret-'));
    writeFileSync(path.join(dir, 'hello.c'), readFileSync(path.join(repoRoot, 'examples/hello-c/hello.c')));
    const check = `test "$(sha256sum < /run/secrets/token | cut -d " " -f1)" = ${digest} && clang --target=wasm32-wasi -o out.wasm hello.c`;
    writeFileSync(
      path.join(dir, 'wasm.toml'),
      `[module]\nname = "hello"\nlanguage = "c"\nsecrets = ["token"]\nbuild = ["sh", "-c", '${check}']\noutput = "out.wasm"\n`,
    );
    return dir;
  }

  const cli = (dir: string, work: string, extra: string[], env: NodeJS.ProcessEnv) =>
    run(
      process.execPath,
      [
        path.join(repoRoot, 'dist/cli.mjs'),
        'test',
        dir,
        '--runtime=wasmtime',
        `--frontend=${tb.images.frontend}`,
        `--build-arg=WASM_TOOLCHAIN_IMAGE_C=${tb.images.toolchain_c}`,
        `--work-dir=${work}`,
        '--no-cache',
        ...extra,
      ],
      { env: { ...tb.env, CI: 'true', ...env } },
    );

  it('reach the build as a secret mount, and stay out of the output, layout and report', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'build-secret-work-'));
    const res = await cli(context(), work, ['--secret=id=token,env=BUILD_TOKEN'], { BUILD_TOKEN: value });
    expect(res.code, res.stderr.slice(-3000)).toBe(0);
    expect(res.stderr).toContain('--secret=id=token,env=BUILD_TOKEN');
    expect(res.stdout + res.stderr).not.toContain(value);
    for (const [file, text] of filesUnder(work)) expect(text.includes(value), file).toBe(false);
  });

  it('a build without the secret fails naming it', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'build-secret-work-'));
    const res = await cli(context(), work, [], {});
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/secret token/);
  });
});

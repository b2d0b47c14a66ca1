import { describe, expect, it } from 'vitest';
import type { HttpCase, HttpOutcome } from '../../../src/runtimes/http.js';
import { runHttpCase } from '../../../src/testrun/http.js';
import { parseWasmToml, type TestSpec } from '../../../src/wasm-toml/index.js';

function caseOf(lines: string): TestSpec {
  const parsed = parseWasmToml(
    `[module]\nname = "api"\nlanguage = "rust"\ntarget = "wasip2"\n[[module.test]]\nname = "t"\n${lines}\n`,
  );
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.spec.module[0]!.test[0]!;
}

const answer =
  (status: number, body: string, headers: Record<string, string> = {}) =>
  (c: HttpCase): Promise<HttpOutcome> =>
    Promise.resolve({
      status,
      headers,
      body: Buffer.from(body),
      timedOut: false,
      stderr: `got ${c.method} ${c.path}`,
    });

describe('runHttpCase', () => {
  it('sends the case’s request with its defaults, and passes on the expected status, headers and body', async () => {
    const test = caseOf(
      'request = { path = "/hello?name=Wasm", headers = { Accept = "text/plain" } }\n' +
        'env = { GREETING = "Hi" }\n' +
        'expect = { status = 200, body = "Hello, Wasm!\\n", headers = { Content-Type = "text/plain" } }',
    );
    let sent: HttpCase | undefined;
    const outcome = await runHttpCase(
      'wasmtime',
      (c) => {
        sent = c;
        return answer(200, 'Hello, Wasm!\n', { 'content-type': 'text/plain', date: 'now' })(c);
      },
      test,
    );
    expect(sent).toEqual({
      method: 'GET',
      path: '/hello?name=Wasm',
      headers: { Accept: 'text/plain' },
      body: '',
      env: { GREETING: 'Hi' },
      timeoutMs: 60_000,
    });
    expect(outcome).toMatchObject({ passed: true, problems: [], stderr: 'got GET /hello?name=Wasm' });
  });

  it('says what differs: status, a header, the body, a pattern', async () => {
    const test = caseOf(
      'request = { method = "POST", path = "/echo", body = "ping" }\n' +
        'expect = { status = 200, body-matches = "^pong", headers = { content-type = "text/plain", x-id = "1" } }',
    );
    const outcome = await runHttpCase('node', answer(500, 'oops', { 'content-type': 'text/html' }), test);
    expect(outcome.passed).toBe(false);
    expect(outcome.problems).toEqual([
      'status 500, expected 200',
      'content-type "text/html", expected "text/plain"',
      'no x-id header, expected "1"',
      'body "oops" does not match /^pong/',
    ]);
  });

  it('fails a case that got no response, with the reason', async () => {
    const test = caseOf('request = { path = "/" }\nexpect.status = 200');
    const outcome = await runHttpCase(
      'wasmtime',
      () =>
        Promise.resolve({
          headers: {},
          body: Buffer.alloc(0),
          error: 'wasmtime serve did not answer in 100 ms',
          timedOut: true,
          stderr: '',
        }),
      test,
    );
    expect(outcome.problems).toEqual(['no response: wasmtime serve did not answer in 100 ms']);
  });
});

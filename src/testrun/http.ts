// HTTP cases: one request to a served component, judged by status, headers and body.
import { compilePattern, type TestSpec } from '../wasm-toml/index.js';
import type { HttpCase, HttpOutcome } from '../runtimes/http.js';
import type { TestOutcome } from './index.js';

/** The request a case sends, with the time it has to answer. */
export function httpCaseOf(test: TestSpec, timeoutMs = 60_000): HttpCase {
  const r = test.request!;
  return { method: r.method, path: r.path, headers: r.headers, body: r.body, env: test.env, timeoutMs };
}

export async function runHttpCase(
  runtime: string,
  send: (c: HttpCase) => Promise<HttpOutcome>,
  test: TestSpec,
  timeoutMs?: number,
): Promise<TestOutcome> {
  const res = await send(httpCaseOf(test, timeoutMs));
  const problems = res.error === undefined ? judge(test, res) : [`no response: ${res.error}`];
  const body = res.body.toString('utf8');
  return {
    test: test.name,
    runtime,
    passed: problems.length === 0,
    problems,
    exitCode: 0,
    stdout: body,
    stderr: res.stderr,
  };
}

function judge(test: TestSpec, res: HttpOutcome): string[] {
  const problems: string[] = [];
  const want = test.expect;
  if (want.status !== undefined && res.status !== want.status) {
    problems.push(`status ${res.status}, expected ${want.status}`);
  }
  for (const [name, value] of Object.entries(want.headers)) {
    // Header names are case-insensitive; the response's come lower-case.
    const got = res.headers[name.toLowerCase()];
    if (got === undefined) problems.push(`no ${name} header, expected ${JSON.stringify(value)}`);
    else if (got !== value)
      problems.push(`${name} ${JSON.stringify(got)}, expected ${JSON.stringify(value)}`);
  }
  const body = res.body.toString('utf8');
  if (want.body !== undefined && body !== want.body) {
    problems.push(`body ${JSON.stringify(body)}, expected ${JSON.stringify(want.body)}`);
  }
  const pattern = want['body-matches'];
  if (pattern !== undefined && !compilePattern(pattern).test(body)) {
    problems.push(`body ${JSON.stringify(body)} does not match /${pattern}/`);
  }
  return problems;
}

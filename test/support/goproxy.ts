// A Go module proxy on loopback, for the tests that must know exactly what a build fetched: a build given
// `--build-arg GOPROXY=<url>` fetches from here, and `requests` lists every path asked for. The host's go
// downloads each module's dependencies into a cache of the testbed's own, and that cache's download
// directory, laid out in the GOPROXY protocol (`<module>/@v/<version>.mod|.zip|.info`), is served over
// plain HTTP. It is also the mirror path users take on air-gapped runners.
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { cacheRoot } from '../../testbed/config.js';
import { run } from './exec.js';

export interface GoProxy {
  /** `http://127.0.0.1:<port>`: a GOPROXY value. */
  url: string;
  /** The build arg the Go examples read (`[build-args] GOPROXY`). */
  buildArgs: string[];
  /** Paths requested so far, e.g. `/golang.org/x/text/@v/v0.21.0.zip`. */
  requests: string[];
  close(): Promise<void>;
}

export const goProxyCache = path.join(cacheRoot, 'goproxy');

/** Downloads the modules of every Go module directory given (those with a go.sum), then serves them. */
export async function startGoProxy(moduleDirs: readonly string[]): Promise<GoProxy> {
  for (const dir of moduleDirs) {
    if (!existsSync(path.join(dir, 'go.sum'))) continue;
    const res = await run('go', ['mod', 'download'], {
      cwd: dir,
      // -modcacherw: a cache that `rm -rf` can delete.
      env: { ...process.env, GOMODCACHE: goProxyCache, GOFLAGS: '-modcacherw', GOTOOLCHAIN: 'local' },
    });
    if (res.code !== 0) throw new Error(`go mod download in ${dir} failed:\n${res.stderr}`);
  }
  const root = path.join(goProxyCache, 'cache', 'download');
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url ?? '/', 'http://proxy').pathname);
    requests.push(url);
    const file = path.join(root, path.normalize(url));
    const inside = file.startsWith(root + path.sep);
    if (req.method !== 'GET' || !inside || !existsSync(file) || !statSync(file).isFile()) {
      // go reads 404 and 410 as "no such module or version".
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    buildArgs: [`--build-arg=GOPROXY=${url}`],
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

// wc for WASI: counts the lines, words and bytes of each file named on the command line, as `wc` does.
// Paths are guest paths under a preopened directory (`--dir testdata::/data` makes /data/poem.txt
// readable). WC_FORMAT=json prints one JSON object per file instead of columns.
//
// The WASI shim (@assemblyscript/wasi-shim) provides `process.argv`, `process.stdout` and `process.exit`;
// files and the environment are read with the WASI calls its bindings declare.
import {
  environ_get,
  environ_sizes_get,
  errno,
  errnoToString,
  fd,
  fd_close,
  fd_prestat_dir_name,
  fd_prestat_get,
  fd_read,
  iovec,
  lookupflags,
  path_open,
  prestat,
  prestat_dir,
  rights,
} from 'bindings/wasi_snapshot_preview1';

class Counts {
  lines: u64 = 0;
  words: u64 = 0;
  bytes: u64 = 0;

  add(other: Counts): void {
    this.lines += other.lines;
    this.words += other.words;
    this.bytes += other.bytes;
  }
}

/** A path within a preopened directory. */
class Located {
  constructor(
    public dir: fd,
    public path: string,
  ) {}
}

/** Finds the preopened directory whose name is a prefix of `path` (preopens are fds 3, 4, ...). */
function locate(path: string): Located | null {
  const stat = new prestat_dir();
  for (let dir: fd = 3; fd_prestat_get(dir, changetype<prestat>(stat)) == errno.SUCCESS; dir++) {
    const name = new ArrayBuffer(<i32>stat.name_len);
    if (fd_prestat_dir_name(dir, changetype<usize>(name), stat.name_len) != errno.SUCCESS) break;
    let prefix = String.UTF8.decode(name);
    if (!prefix.endsWith('/')) prefix += '/';
    if (path.startsWith(prefix)) return new Located(dir, path.slice(prefix.length));
  }
  return null;
}

function count(path: string, counts: Counts): errno {
  const where = locate(path);
  if (where == null) return errno.NOENT;
  const rel = String.UTF8.encode(where.path);
  const opened = memory.data(sizeof<fd>());
  let err = path_open(
    where.dir,
    lookupflags.SYMLINK_FOLLOW,
    changetype<usize>(rel),
    rel.byteLength,
    0,
    rights.FD_READ,
    0,
    0,
    opened,
  );
  if (err != errno.SUCCESS) return err;
  const file = load<fd>(opened);
  const buf = new ArrayBuffer(4096);
  const iov = new iovec();
  iov.buf = changetype<usize>(buf);
  iov.buf_len = buf.byteLength;
  const nread = memory.data(sizeof<usize>());
  let inWord = false;
  while ((err = fd_read(file, changetype<usize>(iov), 1, nread)) == errno.SUCCESS) {
    const n = load<usize>(nread);
    if (n == 0) break;
    counts.bytes += n;
    for (let i: usize = 0; i < n; i++) {
      const c = load<u8>(changetype<usize>(buf) + i);
      if (c == 0x0a) counts.lines++;
      const space = c == 0x20 || (c >= 0x09 && c <= 0x0d);
      if (!space && !inWord) counts.words++;
      inWord = !space;
    }
  }
  fd_close(file);
  return err;
}

/**
 * One environment variable. Not `process.env`: the shim fills it at start-up with `environ_get` even when
 * there are no variables, a call Node's WASI refuses with EINVAL then (wasi-libc skips it).
 */
function getenv(name: string): string | null {
  const sizes = memory.data(2 * sizeof<usize>());
  if (environ_sizes_get(sizes, sizes + sizeof<usize>()) != errno.SUCCESS) return null;
  const count = load<usize>(sizes);
  if (count == 0) return null;
  const ptrs = new ArrayBuffer(<i32>(count * sizeof<usize>()));
  const data = new ArrayBuffer(<i32>load<usize>(sizes, sizeof<usize>()));
  if (environ_get(changetype<usize>(ptrs), changetype<usize>(data)) != errno.SUCCESS) return null;
  // `NAME=value` entries, each ending in NUL.
  const entries = String.UTF8.decode(data).split('\0');
  for (let i = 0; i < entries.length; i++) {
    if (entries[i].startsWith(name + '=')) return entries[i].slice(name.length + 1);
  }
  return null;
}

function pad(n: u64): string {
  return n.toString().padStart(7, ' ');
}

const json = getenv('WC_FORMAT') == 'json';
const files = process.argv.slice(1);
if (files.length == 0) {
  process.stderr.write('usage: wc FILE...\n');
  process.exit(2);
}
const total = new Counts();
let status = 0;
for (let i = 0; i < files.length; i++) {
  const c = new Counts();
  const err = count(files[i], c);
  if (err != errno.SUCCESS) {
    process.stderr.write(`wc: ${files[i]}: ${errnoToString(err)}\n`);
    status = 1;
    continue;
  }
  total.add(c);
  if (json) {
    process.stdout.write(`{"file":"${files[i]}","lines":${c.lines},"words":${c.words},"bytes":${c.bytes}}\n`);
  } else {
    process.stdout.write(`${pad(c.lines)} ${pad(c.words)} ${pad(c.bytes)} ${files[i]}\n`);
  }
}
if (files.length > 1 && !json) {
  process.stdout.write(`${pad(total.lines)} ${pad(total.words)} ${pad(total.bytes)} total\n`);
}
process.exit(status);

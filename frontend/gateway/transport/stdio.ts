// BuildKit runs the frontend with stdin/stdout wired to its gRPC server: together they are the connection.
import { Duplex } from 'node:stream';

/** The connection to the daemon. From here on stdout belongs to HTTP/2: log to stderr only. */
export function stdioDuplex(): Duplex {
  return Duplex.from({ readable: process.stdin, writable: process.stdout });
}

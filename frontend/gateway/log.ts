// The frontend's only logging. stdout is the HTTP/2 connection to the daemon, so every line goes to
// stderr, which the daemon copies into its own log (users never see it).

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createLogger(write: (line: string) => void): Logger {
  const line = (level: string) => (message: string) =>
    write(`${new Date().toISOString()} wasm-frontend ${level}: ${message}\n`);
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

export const log: Logger = createLogger((line) => process.stderr.write(line));

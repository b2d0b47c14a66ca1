// Reading JSON written by Go: encoding/json matches object keys case-insensitively, and the daemon
// and clients send `ID`, `Platforms`, `Type`, `Attrs`, `os.version`... in whatever case their structs use.

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value under `name` (lower case), whatever case the sender used. */
export function field(obj: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : obj[key];
}

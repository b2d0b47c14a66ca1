// Parser for WWW-Authenticate (RFC 9110 §11.6.1): one or more challenges, each a scheme followed by
// comma-separated auth-params (token or quoted-string values) or a token68.

export interface Challenge {
  /** Lower-cased: "bearer", "basic", ... */
  scheme: string;
  /** Parameter names lower-cased; values unquoted. */
  params: Record<string, string>;
  token68?: string;
}

const tchar = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;

export function parseChallenges(header: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const n = header.length;
  const skipWs = () => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < n && tchar.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  const readQuoted = (): string => {
    // Caller has checked header[i] === '"'.
    i++;
    let v = '';
    while (i < n && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < n) i++;
      v += header[i];
      i++;
    }
    i++; // closing quote (or end of input)
    return v;
  };
  let current: Challenge | undefined;
  while (i < n) {
    skipWs();
    if (header[i] === ',') {
      i++;
      continue;
    }
    const save = i;
    const tok = readToken();
    if (!tok) {
      i++; // stray character: skip it rather than loop forever
      continue;
    }
    skipWs();
    if (header[i] === '=' && current) {
      // name=value, unless this is a token68 ending in '=' padding (then it is followed by , or end).
      i++;
      skipWs();
      const value = header[i] === '"' ? readQuoted() : readToken();
      current.params[tok.toLowerCase()] = value;
      continue;
    }
    // A new challenge: scheme, then either params or a token68.
    i = save + tok.length;
    current = { scheme: tok.toLowerCase(), params: {} };
    out.push(current);
    skipWs();
    const t68 = /^[A-Za-z0-9._~+/-]+=*(?=\s*(,|$))/.exec(header.slice(i));
    if (t68 && !/^[^=]+=[^=]/.test(header.slice(i))) {
      current.token68 = t68[0];
      i += t68[0].length;
    }
  }
  return out;
}

/** The challenge to answer: Bearer if offered (it carries scopes), else Basic, else the first. */
export function preferredChallenge(challenges: Challenge[]): Challenge | undefined {
  return (
    challenges.find((c) => c.scheme === 'bearer') ??
    challenges.find((c) => c.scheme === 'basic') ??
    challenges[0]
  );
}

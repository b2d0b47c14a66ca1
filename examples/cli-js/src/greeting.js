// Plain JavaScript with no WASI in it: what the command prints.

/** The non-empty lines of `text`, trimmed. */
export function namesIn(text) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** One greeting per name; the world when there is none. */
export function greet(greeting, names) {
  return (names.length > 0 ? names : ['world']).map((name) => `${greeting}, ${name}!`);
}

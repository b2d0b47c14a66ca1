// Greets its first argument with the GREETING environment variable, like examples/component-c: argv and
// the environment reach the component through the preview1 adapter. A second argument is an error,
// exiting 1 (WASI 0.2's exit has no other failure code).
// The WASI shim (@assemblyscript/wasi-shim) provides `process.argv`, `process.env` and `process.exit`.
const args = process.argv;
if (args.length > 2) {
  process.stderr.write('usage: hello [NAME]\n');
  process.exit(1);
}
const name = args.length > 1 ? args[1] : 'world';
const greeting = process.env.has('GREETING') ? process.env.get('GREETING') : 'Hello';
process.stdout.write(`${greeting}, ${name}!\n`);

// What the bench's stand-in agents share: they are started as `claude` would be,
// with the prompt on stdin and `--session-id` among the arguments.

export function readStdin() {
  return new Promise((resolve) => {
    const parts = [];
    process.stdin.on('data', (d) => parts.push(d));
    process.stdin.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    process.stdin.on('error', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

export function sessionIdArg(args = process.argv.slice(2)) {
  const at = args.indexOf('--session-id');
  return at >= 0 ? args[at + 1] : '00000000-0000-4000-8000-000000000000';
}

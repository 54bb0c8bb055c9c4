export interface ServeArgs {
  command: 'serve';
  dataDir: string | null;
  port: number;
  claudeBin: string | null;
  maxConcurrency: number | null;
}

export interface HelpArgs {
  command: 'help' | 'version';
}

export const DEFAULT_PORT = 7381;

export const USAGE = `Usage: claudomator serve [options]

Runs Claudomator headless: the task queue and the local HTTP API on 127.0.0.1.

Options:
  --data-dir DIR          where the database, logs, sandboxes and api-token live
  --port N                port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --claude-bin PATH       the claude CLI to run (default: $CLAUDOMATOR_CLAUDE_BIN, then claude on PATH)
  --max-concurrency N     how many tasks run at once (default 2)
  -h, --help              show this help
  --version               print the version`;

export class UsageError extends Error {}

function intArg(name: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`${name} needs a number`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${name} must be between ${min} and ${max}`);
  return n;
}

export function parseCliArgs(argv: readonly string[]): ServeArgs | HelpArgs {
  const args = [...argv];
  if (args.includes('-h') || args.includes('--help')) return { command: 'help' };
  if (args.includes('--version')) return { command: 'version' };
  const command = args[0] && !args[0].startsWith('-') ? args.shift() : 'serve';
  if (command !== 'serve') throw new UsageError(`unknown command "${command}"`);
  const out: ServeArgs = {
    command: 'serve',
    dataDir: null,
    port: DEFAULT_PORT,
    claudeBin: null,
    maxConcurrency: null,
  };
  while (args.length > 0) {
    const flag = args.shift()!;
    const [name, inline] = flag.includes('=') ? flag.split(/=(.*)/s, 2) : [flag, undefined];
    const value = (): string => {
      const v = inline ?? args.shift();
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--data-dir':
        out.dataDir = value();
        break;
      case '--port':
        out.port = intArg('--port', value(), 0, 65535);
        break;
      case '--claude-bin':
        out.claudeBin = value();
        break;
      case '--max-concurrency':
        out.maxConcurrency = intArg('--max-concurrency', value(), 1, 64);
        break;
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  }
  return out;
}

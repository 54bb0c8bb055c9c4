// Options for the desktop app, from its command line or environment. The
// command line of an Electron main process also carries Chromium's and
// test drivers' switches (Playwright adds --inspect, --remote-debugging-port),
// so unknown arguments are ignored rather than refused.

export interface DesktopArgs {
  /** Overrides Electron's userData (e.g. a temp dir for tests); null = the default. */
  dataDir: string | null;
  claudeBin: string | null;
  maxConcurrency: number | null;
  /** Port of the local API agents call; 0 picks a free one. */
  port: number;
}

export const DESKTOP_ENV = {
  dataDir: 'CLAUDOMATOR_DATA_DIR',
  claudeBin: 'CLAUDOMATOR_CLAUDE_BIN',
  port: 'CLAUDOMATOR_PORT',
} as const;

function intOrNull(value: string | undefined, min: number, max: number): number | null {
  if (value === undefined || !/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

function flagValue(argv: readonly string[], name: string): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === name && i + 1 < argv.length) found = argv[++i];
    else if (arg.startsWith(`${name}=`)) found = arg.slice(name.length + 1);
  }
  return found === '' ? undefined : found;
}

export function parseDesktopArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): DesktopArgs {
  const dataDir = flagValue(argv, '--data-dir') ?? env[DESKTOP_ENV.dataDir] ?? null;
  const claudeBin = flagValue(argv, '--claude-bin') ?? env[DESKTOP_ENV.claudeBin] ?? null;
  return {
    dataDir: dataDir || null,
    claudeBin: claudeBin || null,
    maxConcurrency: intOrNull(flagValue(argv, '--max-concurrency'), 1, 64),
    port: intOrNull(flagValue(argv, '--port') ?? env[DESKTOP_ENV.port], 0, 65535) ?? 0,
  };
}

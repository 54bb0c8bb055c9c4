// `npm start`: the desktop app where Electron can run, browser mode where it
// cannot (no binary — as on our build machines — or no display), said in one
// line. The npm script has already built everything.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { DEFAULT_PORT, parseCliArgs, UsageError, type ServeArgs } from './cli-args';
import { defaultDataDir } from './core/default-data-dir';
import { MigrationError } from './core/store/database';
import {
  chooseMode,
  desktopArgs,
  desktopEnv,
  findElectronBinary,
  installedElectronVersion,
} from './electron/launch';
import { electronRebuildHint, NATIVE_MODULE_EXIT_CODE } from './electron/native-module';
import { serve, type Serving } from './server/serve';
import { announceAndHandleSignals } from './server/serve-console';
import { APP_VERSION } from './version';

export const START_USAGE = `Usage: npm start [-- options]

Starts the Claudomator desktop app. Where Electron is not installed, or there
is no display to open a window on, it starts browser mode instead and prints
the address to open.

Options:
  --browser               browser mode even where Electron could run
  --data-dir DIR          where the database, logs, sandboxes and api-token live
  --port N                browser mode: port to listen on (default ${DEFAULT_PORT}, or a free
                          one when that is taken); desktop: port of the agents' API
  --claude-bin PATH       the claude CLI to run
  --max-concurrency N     how many tasks run at once
  -h, --help              show this help

Environment: CLAUDOMATOR_DATA_DIR, CLAUDOMATOR_PORT and CLAUDOMATOR_CLAUDE_BIN
stand in for --data-dir, --port and --claude-bin.`;

interface StartArgs extends ServeArgs {
  forceBrowser: boolean;
  /** Whether the port was chosen (flag or env), rather than the default. */
  portChosen: boolean;
}

function parseStartArgs(argv: readonly string[], env: NodeJS.ProcessEnv): StartArgs | 'help' {
  const forceBrowser = argv.includes('--browser');
  const rest = argv.filter((a) => a !== '--browser');
  const parsed = parseCliArgs(['serve', ...rest]);
  if (parsed.command !== 'serve') {
    if (parsed.command === 'version') {
      console.log(APP_VERSION);
      process.exit(0);
    }
    return 'help';
  }
  let portChosen = rest.some((a) => a === '--port' || a.startsWith('--port='));
  if (!portChosen && env.CLAUDOMATOR_PORT) {
    // Validated like the flag.
    parsed.port = (parseCliArgs(['serve', '--port', env.CLAUDOMATOR_PORT]) as ServeArgs).port;
    portChosen = true;
  }
  return {
    ...parsed,
    dataDir: parsed.dataDir ?? (env.CLAUDOMATOR_DATA_DIR || null),
    claudeBin: parsed.claudeBin ?? (env.CLAUDOMATOR_CLAUDE_BIN || null),
    forceBrowser,
    portChosen,
  };
}

async function startBrowserMode(args: StartArgs): Promise<void> {
  const options = {
    dataDir: args.dataDir ?? defaultDataDir(),
    version: APP_VERSION,
    ...(args.claudeBin ? { claudeBin: args.claudeBin } : {}),
    ...(args.maxConcurrency ? { maxConcurrency: args.maxConcurrency } : {}),
  };
  let serving: Serving;
  try {
    serving = await serve({ ...options, port: args.port });
  } catch (err) {
    // `npm start` with nothing chosen should not fail because the usual port is taken.
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || args.portChosen) throw err;
    serving = await serve({ ...options, port: 0 });
  }
  announceAndHandleSignals(serving);
}

function startElectron(bin: string, args: StartArgs): void {
  const child = spawn(
    bin,
    desktopArgs({
      ...(args.dataDir ? { dataDir: args.dataDir } : {}),
      ...(args.claudeBin ? { claudeBin: args.claudeBin } : {}),
      ...(args.maxConcurrency ? { maxConcurrency: args.maxConcurrency } : {}),
      ...(args.portChosen ? { port: args.port } : {}),
    }),
    { stdio: 'inherit', env: desktopEnv(process.env) },
  );
  let spawned = false;
  child.once('spawn', () => {
    spawned = true;
  });
  const forward = (signal: NodeJS.Signals): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => forward(signal));
  }
  child.once('error', (err) => {
    if (spawned) {
      console.error(`claudomator: ${err.message}`);
      return;
    }
    console.log(
      `Electron could not be started (${err.message}); starting in browser mode instead.`,
    );
    startBrowserMode(args).catch(fail);
  });
  child.once('exit', (code, signal) => {
    if (code === NATIVE_MODULE_EXIT_CODE) {
      console.error(electronRebuildHint(installedElectronVersion()));
    }
    const signalCode = signal ? (os.constants.signals[signal] ?? 0) : 0;
    process.exit(code ?? (signal ? 128 + signalCode : 1));
  });
}

function fail(err: unknown): never {
  if (err instanceof UsageError) {
    console.error(`claudomator: ${err.message}\n\n${START_USAGE}`);
    process.exit(2);
  }
  if (err instanceof MigrationError) console.error(`claudomator: ${err.message}`);
  else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(
      'claudomator: that port is in use; pick another with --port (0 picks a free one)',
    );
  } else console.error('claudomator:', err instanceof Error ? err.message : err);
  process.exit(1);
}

function main(): void {
  const args = parseStartArgs(process.argv.slice(2), process.env);
  if (args === 'help') {
    console.log(START_USAGE);
    return;
  }
  const mode = chooseMode({
    electronBin: findElectronBinary(),
    forceBrowser: args.forceBrowser,
    platform: process.platform,
    env: process.env,
  });
  if (mode.mode === 'browser') {
    console.log(mode.reason);
    startBrowserMode(args).catch(fail);
  } else {
    const version = installedElectronVersion();
    console.log(`Starting the Claudomator desktop app${version ? ` (Electron ${version})` : ''}`);
    startElectron(mode.bin, args);
  }
}

try {
  main();
} catch (err) {
  fail(err);
}

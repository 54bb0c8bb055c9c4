import { parseCliArgs, USAGE, UsageError, type HelpArgs, type ServeArgs } from './cli-args';
import { defaultDataDir } from './core/default-data-dir';
import { MigrationError } from './core/store/database';
import { serve } from './server/serve';
import { announceAndHandleSignals } from './server/serve-console';
import { APP_VERSION } from './version';

async function main(): Promise<void> {
  let args: ServeArgs | HelpArgs;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`claudomator: ${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    throw err;
  }
  if (args.command !== 'serve') {
    console.log(args.command === 'help' ? USAGE : APP_VERSION);
    return;
  }

  const dataDir = args.dataDir ?? defaultDataDir();
  const claudeBin = args.claudeBin ?? process.env.CLAUDOMATOR_CLAUDE_BIN;
  const serving = await serve({
    dataDir,
    port: args.port,
    version: APP_VERSION,
    ...(claudeBin ? { claudeBin } : {}),
    ...(args.maxConcurrency ? { maxConcurrency: args.maxConcurrency } : {}),
  });
  announceAndHandleSignals(serving);
}

main().catch((err: unknown) => {
  if (err instanceof MigrationError) console.error(`claudomator: ${err.message}`);
  else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(
      'claudomator: that port is in use; pick another with --port (0 picks a free one)',
    );
  } else console.error('claudomator:', err instanceof Error ? err.message : err);
  process.exit(1);
});

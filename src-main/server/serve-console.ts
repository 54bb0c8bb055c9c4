import type { Serving } from './serve';

/**
 * What `claudomator serve` and `npm start`'s browser mode print once the
 * server is up, and their clean shutdown on SIGINT/SIGTERM (running agents
 * are stopped and stay resumable).
 */
export function announceAndHandleSignals(serving: Serving): void {
  console.log(`Claudomator listening on ${serving.http.url}`);
  // Printed once, to the terminal only: the page keeps the token for its session.
  console.log(`Open the UI: ${serving.uiUrl}`);
  console.log(
    `Data in ${serving.engine.paths.root} (API token in ${serving.engine.paths.root}/api-token)`,
  );
  const shutdown = (signal: string): void => {
    console.error(`[claudomator] ${signal}: stopping running agents (they stay resumable)`);
    serving.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

import { startHttpServer, type RunningServer } from '../core/api/http-server';
import { Engine, type EngineOptions } from '../core/engine';

export interface ServeOptions extends EngineOptions {
  port: number;
}

export interface Serving {
  engine: Engine;
  http: RunningServer;
  stop(): Promise<void>;
}

/** The headless app: the engine behind the local HTTP API on 127.0.0.1. */
export async function serve(opts: ServeOptions): Promise<Serving> {
  const log = opts.log ?? ((m: string) => console.error(`[claudomator] ${m}`));
  const engine = await Engine.open({ ...opts, log });
  let http: RunningServer;
  try {
    http = await startHttpServer({
      port: opts.port,
      handlers: engine.handlers,
      token: engine.token,
      isLiveExecution: (id) => engine.store.executions.find(id)?.state === 'RUNNING',
      log,
    });
  } catch (err) {
    await engine.close();
    throw err;
  }
  engine.setApiUrl(http.url);
  engine.start();
  let stopping: Promise<void> | null = null;
  return {
    engine,
    http,
    stop: () =>
      (stopping ??= (async () => {
        // Agents first (they are marked resumable), then the API they talk to.
        await engine.close();
        await http.close();
      })()),
  };
}

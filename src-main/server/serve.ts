import { startHttpServer, type RunningServer } from '../core/api/http-server';
import { Engine, type EngineOptions } from '../core/engine';
import { findRendererDir, staticFiles } from './static-files';
import { attachWsGateway } from './ws-gateway';

export interface ServeOptions extends EngineOptions {
  port: number;
}

export interface Serving {
  engine: Engine;
  http: RunningServer;
  /** The page's address with the token in its fragment (never sent to the server). */
  uiUrl: string;
  stop(): Promise<void>;
}

/** The headless app: the engine behind the local HTTP API on 127.0.0.1. */
export async function serve(opts: ServeOptions): Promise<Serving> {
  const log = opts.log ?? ((m: string) => console.error(`[claudomator] ${m}`));
  const engine = await Engine.open({ ...opts, log });
  let http: RunningServer;
  let port = opts.port;
  try {
    http = await startHttpServer({
      port: opts.port,
      handlers: engine.handlers,
      token: engine.token,
      isLiveExecution: (id) => engine.store.executions.find(id)?.state === 'RUNNING',
      log,
      extra: staticFiles(findRendererDir(), () => port),
    });
  } catch (err) {
    await engine.close();
    throw err;
  }
  port = http.port;
  const gateway = attachWsGateway(http.server, {
    handlers: engine.handlers,
    bus: engine.bus,
    token: engine.token,
    port: () => port,
    log,
  });
  engine.setApiUrl(http.url);
  engine.start();
  let stopping: Promise<void> | null = null;
  return {
    engine,
    http,
    uiUrl: `${http.url}/#token=${engine.token}`,
    stop: () =>
      (stopping ??= (async () => {
        // Agents first (they are marked resumable), then the API they talk to.
        await engine.close();
        gateway.close();
        await http.close();
      })()),
  };
}

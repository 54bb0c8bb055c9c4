import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../errors';
import { handleApiRequest, sendError, type ApiDeps } from './http-api';
import { checkOrigin } from './request-guard';

export interface RunningServer {
  server: http.Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Extra handler for non-API paths (the web UI in browser mode); returns false if not its path. */
export type ExtraHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
) => Promise<boolean> | boolean;

/** The local HTTP server, bound to 127.0.0.1 only. */
export async function startHttpServer(
  deps: ApiDeps & { port: number; extra?: ExtraHandler },
): Promise<RunningServer> {
  let port = deps.port;
  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        checkOrigin(req, port);
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
          await handleApiRequest(req, res, url, deps);
        } else if (!(deps.extra && (await deps.extra(req, res, url)))) {
          throw new AppError('not_found', `nothing at ${url.pathname}`);
        }
      } catch (err) {
        if (!res.headersSent) sendError(res, err, deps.log);
        else res.destroy();
      }
    })();
  });
  server.keepAliveTimeout = 5000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERROR_CODES, type Handlers } from '../../../src-shared/contract';
import { AppError } from '../errors';
import { dispatchRequest } from '../handlers';
import { authenticate } from './agent-tokens';
import { ROUTES } from './routes';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface ApiDeps {
  handlers: Handlers;
  token: string;
  /** Whether an execution is still running (its agent's token is valid only then). */
  isLiveExecution: (executionId: string) => boolean;
  log: (msg: string) => void;
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new AppError('payload_too_large', 'request body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new AppError('payload_too_large', 'request body too large');
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new AppError('invalid_request', 'request body must be application/json');
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new AppError('invalid_request', 'request body is not valid JSON');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown, log: (msg: string) => void): void {
  if (err instanceof AppError) {
    sendJson(res, ERROR_CODES[err.code], { error: { code: err.code, message: err.message } });
    return;
  }
  // Unexpected: log it for us, tell the caller nothing internal.
  log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  sendJson(res, 500, { error: { code: 'internal', message: 'internal error' } });
}

/** Serves `/api/*`; the request has already passed the origin guard. */
export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: ApiDeps,
): Promise<void> {
  try {
    const path = decodeURIComponent(url.pathname);
    const candidates = ROUTES.filter((r) => r.pattern.test(path));
    if (candidates.length === 0) throw new AppError('not_found', `no route ${url.pathname}`);
    const route = candidates.find((r) => r.method === req.method);
    if (!route) {
      throw new AppError('invalid_request', `method ${req.method ?? ''} not allowed here`);
    }
    const caller = route.public
      ? { actor: 'user' as const }
      : authenticate(req.headers.authorization, deps.token, deps.isLiveExecution);
    const body =
      route.method === 'GET' || route.method === 'DELETE' ? undefined : await readJsonBody(req);
    const match = route.pattern.exec(path)!;
    const params = route.params([...match], url.searchParams, body);
    const result = await dispatchRequest(deps.handlers, route.channel, params, caller);
    sendJson(res, route.status ?? 200, result);
  } catch (err) {
    if (err instanceof URIError) {
      sendError(res, new AppError('invalid_request', 'malformed URL'), deps.log);
    } else sendError(res, err, deps.log);
  }
}

import type { Channel } from '../../../src-shared/contract';
import { invalid } from '../errors';

/** How one REST route maps onto a contract channel. */
export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  pattern: RegExp;
  channel: Channel;
  /** Builds the channel's params from path captures, query and body. */
  params: (m: string[], query: URLSearchParams, body: unknown) => unknown;
  status?: number;
  /** Open without a token (nothing in it is secret). */
  public?: boolean;
}

const ID = '([A-Za-z0-9-]{1,100})';
const NUMERIC = new Set(['limit', 'offset', 'afterSeq']);

/** Query strings carry text; numeric fields are converted, anything else passes to validation. */
export function queryParams(query: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of query) {
    if (key in out) throw invalid(`query parameter ${key} given twice`);
    if (NUMERIC.has(key)) {
      if (!/^-?\d{1,15}$/.test(value)) throw invalid(`${key} must be an integer`);
      out[key] = Number(value);
    } else out[key] = value;
  }
  return out;
}

const bodyObject = (body: unknown): Record<string, unknown> => {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('request body must be a JSON object');
  }
  return body as Record<string, unknown>;
};

export const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/api\/health$/,
    channel: 'app.health',
    params: () => ({}),
    public: true,
  },
  { method: 'GET', pattern: /^\/api\/projects$/, channel: 'projects.list', params: () => ({}) },
  {
    method: 'POST',
    pattern: /^\/api\/projects$/,
    channel: 'projects.add',
    params: (_m, _q, b) => b,
    status: 201,
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/api/projects/${ID}$`),
    channel: 'projects.remove',
    params: (m) => ({ id: m[1] }),
  },
  {
    method: 'GET',
    pattern: /^\/api\/tasks$/,
    channel: 'tasks.list',
    params: (_m, q) => queryParams(q),
  },
  {
    method: 'POST',
    pattern: /^\/api\/tasks$/,
    channel: 'tasks.create',
    params: (_m, _q, b) => b,
    status: 201,
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/tasks/${ID}$`),
    channel: 'tasks.get',
    params: (m) => ({ id: m[1] }),
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/api/tasks/${ID}$`),
    channel: 'tasks.delete',
    params: (m) => ({ id: m[1] }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/tasks/${ID}/answer$`),
    channel: 'tasks.answer',
    params: (m, _q, b) => ({ ...bodyObject(b), id: m[1] }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/tasks/${ID}/cancel$`),
    channel: 'tasks.cancel',
    params: (m, _q, b) => ({ ...bodyObject(b), id: m[1] }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/tasks/${ID}/retry$`),
    channel: 'tasks.retry',
    params: (m, _q, b) => ({ ...bodyObject(b), id: m[1] }),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/executions/${ID}/log$`),
    channel: 'executions.readLog',
    params: (m, q) => ({ stream: 'stdout', ...queryParams(q), executionId: m[1] }),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/executions/${ID}/events$`),
    channel: 'executions.events',
    params: (m, q) => ({ ...queryParams(q), executionId: m[1] }),
  },
  { method: 'GET', pattern: /^\/api\/settings$/, channel: 'settings.get', params: () => ({}) },
  {
    method: 'PATCH',
    pattern: /^\/api\/settings$/,
    channel: 'settings.set',
    params: (_m, _q, b) => b,
  },
  { method: 'GET', pattern: /^\/api\/queue$/, channel: 'queue.state', params: () => ({}) },
  { method: 'GET', pattern: /^\/api\/app\/info$/, channel: 'app.info', params: () => ({}) },
  {
    method: 'POST',
    pattern: /^\/api\/app\/check-claude$/,
    channel: 'app.checkClaude',
    params: (_m, _q, b) => bodyObject(b),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/tasks/${ID}/merge$`),
    channel: 'tasks.merge',
    params: (m, _q, b) => ({ ...bodyObject(b), id: m[1] }),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/tasks/${ID}/commits/([0-9a-f]{7,64})/diff$`),
    channel: 'commits.diff',
    params: (m) => ({ taskId: m[1], hash: m[2] }),
  },
];

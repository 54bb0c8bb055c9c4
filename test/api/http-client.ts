// Small HTTP clients for the API tests: `fetch` for ordinary calls, `node:http`
// where a test must control the raw request (Host header, exact path, chunked body).
import http from 'node:http';
import { expect } from 'vitest';
import type { ErrorBody, ErrorCode } from '../../src-shared/contract';
import type { Task, TaskDetail, TaskState } from '../../src-shared/domain';

export interface ApiResponse<T> {
  status: number;
  body: T;
  text: string;
  /** Response headers, names in lower case. */
  headers: Record<string, string>;
}

export interface CallOptions {
  /** Token to send as `Bearer <token>`; null sends no Authorization header. */
  token?: string | null;
  headers?: Record<string, string>;
}

export type ApiCall = <T = unknown>(
  method: string,
  route: string,
  body?: unknown,
  opts?: CallOptions,
) => Promise<ApiResponse<T>>;

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A fetch-based client for `baseUrl` that sends `token` unless told otherwise. */
export function apiClient(baseUrl: string, token: string): ApiCall {
  return async <T = unknown>(
    method: string,
    route: string,
    body?: unknown,
    opts: CallOptions = {},
  ): Promise<ApiResponse<T>> => {
    const auth = opts.token === undefined ? token : opts.token;
    const headers: Record<string, string> = {
      ...(auth === null ? {} : { authorization: `Bearer ${auth}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...opts.headers,
    };
    const res = await fetch(`${baseUrl}${route}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: parse(text) as T,
      text,
      headers: Object.fromEntries(res.headers.entries()),
    };
  };
}

export interface RawRequest {
  method?: string;
  /** Sent exactly as given (no URL normalisation). */
  path: string;
  headers?: Record<string, string | number>;
  /** Sent in one piece (with a Content-Length unless the headers say otherwise). */
  body?: string | Buffer;
  /** Sent as separate writes with no Content-Length: chunked transfer encoding. */
  chunks?: Buffer[];
  agent?: http.Agent;
}

/** One request with node:http; resolves once the whole response has arrived. */
export function rawRequest(port: number, r: RawRequest): Promise<ApiResponse<unknown>> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: r.method ?? 'GET',
        path: r.path,
        headers: r.headers,
        agent: r.agent ?? false,
      },
      (res) => {
        answered = true;
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          }
          resolve({ status: res.statusCode ?? 0, body: parse(text), text, headers });
        });
      },
    );
    // Once the answer is in, a refused rest of the upload is no longer our concern.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    if (r.chunks) {
      for (const c of r.chunks) req.write(c);
      req.end();
    } else req.end(r.body);
  });
}

/** The body of an error answer, with the checks every error answer must pass. */
export function expectError(
  res: ApiResponse<unknown>,
  status: number,
  code: ErrorCode,
): ErrorBody['error'] {
  expect(res.status, res.text).toBe(status);
  const body = res.body as ErrorBody;
  expect(body.error.code, res.text).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expectCleanMessage(body.error.message);
  return body.error;
}

/** No stack frames and no paths into the app's own source in a message shown to callers. */
export function expectCleanMessage(message: string): void {
  expect(message).not.toMatch(/\n\s*at /);
  expect(message).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  expect(message).not.toContain('/src-main/');
  expect(message).not.toContain('/src-shared/');
  expect(message).not.toContain('node_modules');
}

/** Polls GET /api/tasks/:id until the task is in `state` (fails early on a final other state). */
export async function pollTask(
  api: ApiCall,
  id: string,
  state: TaskState,
  timeoutMs = 20_000,
): Promise<TaskDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api<TaskDetail>('GET', `/api/tasks/${id}`);
    expect(res.status, res.text).toBe(200);
    const t: Task = res.body.task;
    if (t.state === state) return res.body;
    const final = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT', 'BUDGET_EXCEEDED'];
    if (final.includes(t.state) || Date.now() > deadline) {
      throw new Error(`task ${id} is ${t.state} (error: ${t.error ?? 'none'}), wanted ${state}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

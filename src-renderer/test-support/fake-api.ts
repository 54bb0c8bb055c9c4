import type {
  Channel,
  ClaudomatorApi,
  DesktopBridge,
  EventName,
  EventPayloads,
  RequestParams,
  RequestResult,
} from '../../src-shared/contract';
import { makeQueue, makeSettings } from './fixtures';

type Handler<C extends Channel> = (
  params: RequestParams<C>,
) => RequestResult<C> | Promise<RequestResult<C>>;

export interface RecordedRequest {
  channel: Channel;
  params: unknown;
}

export interface FakeApi {
  api: ClaudomatorApi;
  /** Every request made, in order. */
  requests: RecordedRequest[];
  /** The params of each request on one channel. */
  calls<C extends Channel>(channel: C): RequestParams<C>[];
  /** Answers a channel (replacing the default). Throw in it to make the request fail. */
  handle<C extends Channel>(channel: C, fn: Handler<C>): void;
  /** Pushes an event to every listener, as the main process would. */
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  listenerCount(event: EventName): number;
}

/** An error as the transports raise it: the main process's message. */
export class FakeApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A `ClaudomatorApi` for tests: records requests, answers them from handlers, emits events. */
export function createFakeApi(opts: { desktop?: DesktopBridge } = {}): FakeApi {
  const requests: RecordedRequest[] = [];
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const handlers = new Map<Channel, (p: unknown) => unknown>();

  const defaults: { [C in Channel]?: Handler<C> } = {
    'projects.list': () => [],
    'tasks.list': () => ({ tasks: [], total: 0 }),
    'queue.state': () => makeQueue(),
    'settings.get': () => makeSettings(),
    'app.info': () => ({
      version: '0.0.0-test',
      dataDir: '/data',
      mode: 'browser',
      platform: 'linux',
    }),
  };
  for (const [c, h] of Object.entries(defaults))
    handlers.set(c as Channel, h as (p: unknown) => unknown);

  const api: ClaudomatorApi = {
    async request<C extends Channel>(channel: C, params: RequestParams<C>) {
      requests.push({ channel, params });
      const h = handlers.get(channel);
      if (!h) throw new FakeApiError('not_found', `fake api: no handler for ${channel}`);
      return (await h(params)) as RequestResult<C>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: unknown) => void);
    },
  };
  if (opts.desktop) api.desktop = opts.desktop;

  return {
    api,
    requests,
    calls: <C extends Channel>(channel: C) =>
      requests.filter((r) => r.channel === channel).map((r) => r.params as RequestParams<C>),
    handle: (channel, fn) => handlers.set(channel, fn as (p: unknown) => unknown),
    emit: (event, payload) => {
      for (const l of [...(listeners.get(event) ?? [])]) l(payload);
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}

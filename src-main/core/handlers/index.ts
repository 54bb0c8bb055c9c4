import {
  requestSchemas,
  type CallerContext,
  type Channel,
  type Handlers,
  type RequestResult,
} from '../../../src-shared/contract';
import { AppError } from '../errors';
import type { EngineContext } from './context';
import { appHandlers } from './app-handlers';
import { executionHandlers } from './execution-handlers';
import { gitHandlers } from './git-handlers';
import { projectHandlers } from './project-handlers';
import { taskHandlers } from './task-handlers';
import { terminalHandlers } from './terminal-handlers';

export function createHandlers(ctx: EngineContext): Handlers {
  return {
    'app.health': async () => ({ ok: true, version: ctx.version }),
    ...appHandlers(ctx),
    ...projectHandlers(ctx),
    ...taskHandlers(ctx),
    ...executionHandlers(ctx),
    ...gitHandlers(ctx),
    ...terminalHandlers(ctx),
    'settings.get': async () => ctx.store.settings.get(),
    'settings.set': async (patch) => {
      const settings = ctx.store.settings.set(patch);
      ctx.pool.kick();
      return settings;
    },
    'queue.state': async () => ctx.pool.state(),
  };
}

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(requestSchemas, name);
}

/**
 * The one entry every transport uses: validates the payload against the
 * channel's schema before any handler runs.
 */
export async function dispatchRequest<C extends Channel>(
  handlers: Handlers,
  channel: C,
  params: unknown,
  caller: CallerContext,
): Promise<RequestResult<C>> {
  const parsed = requestSchemas[channel].safeParse(params ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw new AppError('invalid_request', issues.join('; '));
  }
  const handler = handlers[channel] as (p: unknown, c: CallerContext) => Promise<RequestResult<C>>;
  return handler(parsed.data, caller);
}

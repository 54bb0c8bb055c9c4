import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CallerContext } from '../../../src-shared/contract';
import { AppError } from '../errors';

const PREFIX = 'agent.';

/**
 * Each execution's agent gets its own token, derived from the API token: it
 * identifies the caller as that agent (history says "agent", not "user") and
 * stops working when the execution ends, so an agent cannot drive
 * Claudomator after its run.
 */
export function agentToken(secret: string, executionId: string): string {
  return `${PREFIX}${executionId}.${sign(secret, executionId)}`;
}

function sign(secret: string, executionId: string): string {
  return createHmac('sha256', secret).update(`agent:${executionId}`).digest('hex');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks a bearer header against the API token or a live agent's token. */
export function authenticate(
  header: string | undefined,
  secret: string,
  isLiveExecution: (executionId: string) => boolean,
): CallerContext {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  const given = m?.[1] ?? '';
  if (same(given, secret)) return { actor: 'user' };
  if (given.startsWith(PREFIX)) {
    const rest = given.slice(PREFIX.length);
    const dot = rest.lastIndexOf('.');
    const executionId = rest.slice(0, dot);
    if (dot > 0 && same(rest.slice(dot + 1), sign(secret, executionId))) {
      if (isLiveExecution(executionId)) return { actor: 'agent' };
      throw new AppError('unauthorized', 'this agent token belongs to a run that has ended');
    }
  }
  throw new AppError('unauthorized', 'missing or wrong API token');
}

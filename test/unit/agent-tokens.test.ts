import { describe, expect, it } from 'vitest';
import { agentToken, authenticate } from '../../src-main/core/api/agent-tokens';
import { AppError } from '../../src-main/core/errors';

const SECRET = 'a'.repeat(64);

function rejection(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

describe('agentToken', () => {
  it('is agent.<executionId>.<hmac hex>, stable for the same input', () => {
    const t = agentToken(SECRET, 'exec-1');
    expect(t).toMatch(/^agent\.exec-1\.[0-9a-f]{64}$/);
    expect(agentToken(SECRET, 'exec-1')).toBe(t);
    const sig = (id: string): string | undefined => agentToken(SECRET, id).split('.').at(-1);
    expect(sig('exec-2')).not.toBe(sig('exec-1'));
    expect(agentToken('other-secret', 'exec-1')).not.toBe(t);
  });
});

describe('authenticate', () => {
  const live = new Set(['exec-1', 'exec.with.dots']);
  const isLive = (id: string): boolean => live.has(id);

  it('the API token is the user', () => {
    expect(authenticate(`Bearer ${SECRET}`, SECRET, isLive)).toEqual({ actor: 'user' });
    expect(authenticate(`bearer   ${SECRET}`, SECRET, isLive)).toEqual({ actor: 'user' });
  });

  it('a live execution’s agent token is the agent', () => {
    const seen: string[] = [];
    const actor = authenticate(`Bearer ${agentToken(SECRET, 'exec-1')}`, SECRET, (id) => {
      seen.push(id);
      return isLive(id);
    });
    expect(actor).toEqual({ actor: 'agent' });
    expect(seen).toEqual(['exec-1']);
  });

  it('handles execution ids that contain dots', () => {
    expect(authenticate(`Bearer ${agentToken(SECRET, 'exec.with.dots')}`, SECRET, isLive)).toEqual({
      actor: 'agent',
    });
  });

  it('an ended execution’s token is refused with its own message', () => {
    const err = rejection(() =>
      authenticate(`Bearer ${agentToken(SECRET, 'exec-old')}`, SECRET, isLive),
    );
    expect(err.code).toBe('unauthorized');
    expect(err.message).toBe('this agent token belongs to a run that has ended');
  });

  it('refuses missing, malformed and wrong tokens', () => {
    const forged = agentToken('another-secret', 'exec-1');
    const cases: (string | undefined)[] = [
      undefined,
      '',
      SECRET,
      `Basic ${SECRET}`,
      `Bearer ${SECRET}x`,
      `Bearer ${SECRET.slice(1)}`,
      `Bearer ${SECRET} extra`,
      `Bearer ${forged}`,
      `Bearer agent.exec-1.`,
      `Bearer agent..${agentToken(SECRET, '').split('.').at(-1)}`,
      `Bearer agent.exec-1`,
      `Bearer ${agentToken(SECRET, 'exec-1').slice(0, -1)}0`,
    ];
    for (const header of cases) {
      const err = rejection(() => authenticate(header, SECRET, () => true));
      expect(err.code, String(header)).toBe('unauthorized');
      expect(err.message, String(header)).toBe('missing or wrong API token');
    }
  });

  it('a token signed for one execution does not work for another', () => {
    const sig = agentToken(SECRET, 'exec-1').split('.').at(-1)!;
    const err = rejection(() => authenticate(`Bearer agent.exec-2.${sig}`, SECRET, () => true));
    expect(err.message).toBe('missing or wrong API token');
  });
});

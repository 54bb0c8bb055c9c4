import { describe, expect, it } from 'vitest';
import { withSourceLock } from '../../src-main/core/sandbox/source-lock';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('withSourceLock', () => {
  it('runs calls with the same key one at a time, in order, and different keys in parallel', async () => {
    const events: string[] = [];
    let active = 0;
    let maxActive = 0;
    const job = (key: string, id: string) =>
      withSourceLock(key, async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        events.push(`start ${id}`);
        await tick();
        events.push(`end ${id}`);
        active--;
        return id;
      });

    const results = await Promise.all([job('a', '1'), job('a', '2'), job('a', '3')]);
    expect(results).toEqual(['1', '2', '3']);
    expect(maxActive).toBe(1);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);

    maxActive = 0;
    await Promise.all([job('x', 'x'), job('y', 'y')]);
    expect(maxActive).toBe(2);
  });

  it('releases the lock when a call fails', async () => {
    await expect(
      withSourceLock('k', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(withSourceLock('k', async () => 'next')).resolves.toBe('next');
  });
});

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Task } from '../../src-shared/domain';
import { setupFakeApi } from '../test-support/setup';
import { makeTask } from '../test-support/fixtures';
import { PAGE_SIZE, useTasks } from './tasks-store';

const flush = () => new Promise((r) => setTimeout(r, 0));

function manyTasks(n: number): Task[] {
  // newest first, like the server
  return Array.from({ length: n }, (_, i) =>
    makeTask({ id: `t${i}`, createdAt: new Date(Date.UTC(2026, 0, 1) - i * 1000).toISOString() }),
  );
}

describe('tasks store', () => {
  const fake = setupFakeApi();

  it('loads the first page, then only the pages asked for', async () => {
    const all = manyTasks(1000);
    fake.current.handle('tasks.list', (q) => ({
      tasks: all.slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 200)),
      total: all.length,
    }));
    await useTasks.getState().reload();
    const s = useTasks.getState();
    expect(s.total).toBe(1000);
    expect(s.rows).toHaveLength(1000);
    expect(s.rows.filter(Boolean)).toHaveLength(PAGE_SIZE);
    expect(fake.current.calls('tasks.list')).toEqual([{ limit: PAGE_SIZE, offset: 0 }]);

    useTasks.getState().ensureRange(500, 520);
    useTasks.getState().ensureRange(500, 520); // in flight: not asked twice
    await flush();
    expect(fake.current.calls('tasks.list').slice(1)).toEqual([{ limit: PAGE_SIZE, offset: 500 }]);
    expect(useTasks.getState().rows[510]?.id).toBe('t510');
    expect(useTasks.getState().rows[499]).toBeUndefined();
  });

  it('sends the filters and the trimmed search', async () => {
    useTasks.getState().setQuery({ state: 'FAILED', projectId: 'p9', search: '  fix bug ' });
    await flush();
    expect(fake.current.calls('tasks.list').at(-1)).toEqual({
      limit: PAGE_SIZE,
      offset: 0,
      state: 'FAILED',
      projectId: 'p9',
      search: 'fix bug',
    });
  });

  it('an update that no longer matches the state filter leaves the list', async () => {
    const t = makeTask({ id: 'a', state: 'RUNNING' });
    fake.current.handle('tasks.list', () => ({ tasks: [t], total: 1 }));
    useTasks.getState().setQuery({ state: 'RUNNING' });
    await flush();
    expect(useTasks.getState().total).toBe(1);
    useTasks.getState().applyUpdated({ ...t, state: 'COMPLETED' });
    expect(useTasks.getState().rows).toEqual([]);
    expect(useTasks.getState().total).toBe(0);
  });

  it('keeps the newest revision when a reply arrives after a later event', async () => {
    const t = makeTask({ id: 'a', state: 'CANCELLED', rev: 5 });
    fake.current.handle('tasks.list', () => ({ tasks: [t], total: 1 }));
    await useTasks.getState().reload();
    useTasks.getState().applyUpdated({ ...t, state: 'RUNNING', rev: 7 });
    // the retry's reply (QUEUED) lands after the RUNNING event
    useTasks.getState().applyUpdated({ ...t, state: 'QUEUED', rev: 6 });
    expect(useTasks.getState().rows[0]?.state).toBe('RUNNING');
  });

  it('a task that does not match the search is not added', async () => {
    useTasks.getState().setQuery({ search: 'deploy' });
    await flush();
    useTasks.getState().applyUpdated(makeTask({ name: 'write docs', instructions: 'docs' }));
    expect(useTasks.getState().total).toBe(0);
    useTasks.getState().applyUpdated(makeTask({ name: 'Deploy it' }));
    expect(useTasks.getState().total).toBe(1);
  });

  it('shows the error of a failed page load', async () => {
    fake.current.handle('tasks.list', () => {
      throw new Error('database is locked');
    });
    await useTasks.getState().reload();
    expect(useTasks.getState().error).toBe('database is locked');
  });
});

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { TerminalInfo } from '../../src-shared/domain';
import { setupFakeApi } from '../test-support/setup';
import { useTerminals } from './terminals-store';

const info = (over: Partial<TerminalInfo>): TerminalInfo => ({
  id: 'x1',
  taskId: 't1',
  kind: 'shell',
  title: 'bash',
  cwd: '/s',
  cols: 100,
  rows: 30,
  running: true,
  exitCode: null,
  signal: null,
  ...over,
});

describe('terminals store', () => {
  const fake = setupFakeApi();

  it('opens terminals per task, keeps them across tasks, closes them in the main process', async () => {
    let n = 0;
    fake.current.handle('terminals.open', (p) =>
      info({ id: `x${++n}`, taskId: p.taskId, kind: p.kind }),
    );
    fake.current.handle('terminals.close', () => ({ ok: true }));
    const s = useTerminals.getState();
    await s.open('t1', 'shell');
    await s.open('t2', 'shell');
    await s.open('t1', 'takeover');
    let now = useTerminals.getState();
    expect(Object.keys(now.byId)).toEqual(['x1', 'x2', 'x3']);
    expect(now.active).toEqual({ t1: 'x3', t2: 'x2' });
    // The Take over button asks the task view to show the terminal.
    expect(now.focus?.taskId).toBe('t1');

    await s.close('x3');
    now = useTerminals.getState();
    expect(now.active.t1).toBe('x1');
    expect(fake.current.requests.filter((r) => r.channel === 'terminals.close')).toHaveLength(1);
  });

  it('an ended take-over waits for the user’s choice; a shell’s end does not', () => {
    const s = useTerminals.getState();
    s.applyExit(info({ id: 's', kind: 'shell', running: false, exitCode: 0 }));
    expect(useTerminals.getState().endedTakeover).toEqual({});
    s.applyExit(info({ id: 'c', kind: 'takeover', running: false, exitCode: 3 }));
    expect(useTerminals.getState().endedTakeover.t1).toMatchObject({ exitCode: 3 });
    s.dismissEnded('t1');
    expect(useTerminals.getState().endedTakeover).toEqual({});
  });

  it('forgets a deleted task’s terminals and says which', () => {
    const s = useTerminals.getState();
    useTerminals.setState({
      byId: { a: info({ id: 'a', taskId: 'gone' }), b: info({ id: 'b', taskId: 'kept' }) },
      active: { gone: 'a', kept: 'b' },
    });
    expect(s.forgetTask('gone')).toEqual(['a']);
    expect(Object.keys(useTerminals.getState().byId)).toEqual(['b']);
    expect(useTerminals.getState().active).toEqual({ kept: 'b' });
  });

  it('says why a terminal could not open', async () => {
    fake.current.handle('terminals.open', () => {
      throw new Error('the task has no Claude session to resume');
    });
    await expect(useTerminals.getState().open('t9', 'takeover')).rejects.toThrow();
    expect(useTerminals.getState().error).toMatch(/no Claude session/);
  });
});

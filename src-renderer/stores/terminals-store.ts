import { create } from 'zustand';
import type { TerminalInfo, TerminalKind } from '../../src-shared/domain';
import { api } from '../api/client';
import { errorMessage } from '../lib/error-message';

interface TerminalsState {
  /** Every terminal the main process reported, by id (they outlive switching tasks). */
  byId: Record<string, TerminalInfo>;
  /** The terminal shown for each task. */
  active: Record<string, string>;
  /** A take-over whose end the user has not decided about yet, by task. */
  endedTakeover: Record<string, TerminalInfo>;
  /** Set when something asks the task view to show its terminal (the Take over button). */
  focus: { taskId: string; at: number } | null;
  error: string | null;
  load(taskId: string): Promise<void>;
  open(taskId: string, kind: TerminalKind, size?: { cols: number; rows: number }): Promise<void>;
  close(id: string): Promise<void>;
  select(taskId: string, id: string): void;
  applyExit(info: TerminalInfo): void;
  dismissEnded(taskId: string): void;
  /** Drops a deleted task's terminals (the main process ended them); returns their ids. */
  forgetTask(taskId: string): string[];
}

const DEFAULT_SIZE = { cols: 100, rows: 30 };

export const useTerminals = create<TerminalsState>()((set, get) => ({
  byId: {},
  active: {},
  endedTakeover: {},
  focus: null,
  error: null,

  async load(taskId) {
    try {
      const list = await api().request('terminals.list', { taskId });
      set((s) => {
        const byId = { ...s.byId };
        for (const t of list) byId[t.id] = t;
        const active = { ...s.active };
        if (!active[taskId] && list[0]) active[taskId] = list[0].id;
        return { byId, active };
      });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },

  async open(taskId, kind, size = DEFAULT_SIZE) {
    set({ error: null, ...(kind === 'takeover' ? { focus: { taskId, at: Date.now() } } : {}) });
    try {
      const info = await api().request('terminals.open', { taskId, kind, ...size });
      set((s) => ({
        byId: { ...s.byId, [info.id]: info },
        active: { ...s.active, [taskId]: info.id },
      }));
    } catch (err) {
      set({ error: errorMessage(err) });
      throw err;
    }
  },

  async close(id) {
    const info = get().byId[id];
    try {
      await api().request('terminals.close', { id });
    } catch {
      // already gone in the main process: forget it here too
    }
    set((s) => {
      const byId = { ...s.byId };
      delete byId[id];
      const active = { ...s.active };
      if (info && active[info.taskId] === id) {
        const next = Object.values(byId).find((t) => t.taskId === info.taskId);
        if (next) active[info.taskId] = next.id;
        else delete active[info.taskId];
      }
      return { byId, active };
    });
  },

  select(taskId, id) {
    set((s) => ({ active: { ...s.active, [taskId]: id } }));
  },

  applyExit(info) {
    set((s) => ({
      byId: s.byId[info.id] ? { ...s.byId, [info.id]: info } : s.byId,
      endedTakeover:
        info.kind === 'takeover' ? { ...s.endedTakeover, [info.taskId]: info } : s.endedTakeover,
    }));
  },

  forgetTask(taskId) {
    const ids = Object.values(get().byId)
      .filter((t) => t.taskId === taskId)
      .map((t) => t.id);
    set((s) => {
      const byId = { ...s.byId };
      for (const id of ids) delete byId[id];
      const active = { ...s.active };
      delete active[taskId];
      const endedTakeover = { ...s.endedTakeover };
      delete endedTakeover[taskId];
      return { byId, active, endedTakeover };
    });
    return ids;
  },

  dismissEnded(taskId) {
    set((s) => {
      const endedTakeover = { ...s.endedTakeover };
      delete endedTakeover[taskId];
      return { endedTakeover };
    });
  },
}));

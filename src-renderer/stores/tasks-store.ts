import { create } from 'zustand';
import { isStale } from '../lib/task-rev';
import type { Task } from '../../src-shared/domain';
import { api } from '../api/client';
import { errorMessage } from '../lib/error-message';
import { EMPTY_QUERY, listParams, taskMatches, type TaskQuery } from './task-query';

/** Rows fetched per `tasks.list` call. */
export const PAGE_SIZE = 200;
const RELOAD_DEBOUNCE_MS = 400;

interface TasksState {
  query: TaskQuery;
  /**
   * One slot per matching task, newest first, as the server orders them;
   * undefined where that page was not loaded yet. Its length is `total`.
   */
  rows: (Task | undefined)[];
  total: number;
  /** The first page for the current query arrived. */
  loaded: boolean;
  error: string | null;
  setQuery(patch: Partial<TaskQuery>): void;
  /** Fetches the pages holding rows start..end (inclusive) that are not loaded. */
  ensureRange(start: number, end: number): void;
  /** Fetches the first page again and forgets the rest (they reload as they are shown). */
  reload(): Promise<void>;
  applyUpdated(task: Task): void;
  applyDeleted(id: string): void;
}

// Requests in flight for the current query generation; a new query forgets them.
let generation = 0;
let inflight: { start: number; end: number }[] = [];
let reloadTimer: ReturnType<typeof setTimeout> | null = null;

function covered(i: number): boolean {
  return inflight.some((r) => i >= r.start && i < r.end);
}

export const useTasks = create<TasksState>()((set, get) => {
  const fetchPage = async (offset: number): Promise<void> => {
    const gen = generation;
    const slot = { start: offset, end: offset + PAGE_SIZE };
    inflight.push(slot);
    try {
      const page = await api().request('tasks.list', listParams(get().query, offset, PAGE_SIZE));
      if (gen !== generation) return;
      set((s) => {
        const rows = s.rows.slice(0, page.total);
        while (rows.length < page.total) rows.push(undefined);
        const ids = new Set(page.tasks.map((t) => t.id));
        // A task seen elsewhere is stale there (the list shifted): reload that slot.
        for (let i = 0; i < rows.length; i++) {
          if (rows[i] && ids.has(rows[i]!.id)) rows[i] = undefined;
        }
        page.tasks.forEach((t, n) => {
          if (offset + n < rows.length) rows[offset + n] = t;
        });
        return { rows, total: page.total, loaded: true, error: null };
      });
    } catch (err) {
      if (gen === generation) set({ error: errorMessage(err), loaded: true });
    } finally {
      inflight = inflight.filter((r) => r !== slot);
    }
  };

  const scheduleReload = (): void => {
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      void get().reload();
    }, RELOAD_DEBOUNCE_MS);
  };

  return {
    query: EMPTY_QUERY,
    rows: [],
    total: 0,
    loaded: false,
    error: null,

    setQuery(patch) {
      const query = { ...get().query, ...patch };
      set({ query });
      void get().reload();
    },

    ensureRange(start, end) {
      const { rows, loaded } = get();
      if (!loaded) return;
      const last = Math.min(end, rows.length - 1);
      for (let i = Math.max(0, start); i <= last; i++) {
        if (rows[i] !== undefined || covered(i)) continue;
        void fetchPage(i);
        i += PAGE_SIZE - 1;
      }
    },

    async reload() {
      generation++;
      inflight = [];
      const gen = generation;
      const offset = 0;
      set({ error: null });
      try {
        const page = await api().request('tasks.list', listParams(get().query, offset, PAGE_SIZE));
        if (gen !== generation) return;
        const rows: (Task | undefined)[] = new Array<Task | undefined>(page.total).fill(undefined);
        page.tasks.forEach((t, n) => {
          if (n < rows.length) rows[n] = t;
        });
        set({ rows, total: page.total, loaded: true, error: null });
      } catch (err) {
        if (gen === generation) set({ error: errorMessage(err), loaded: true });
      }
    },

    applyUpdated(task) {
      const { rows, query } = get();
      const idx = rows.findIndex((r) => r?.id === task.id);
      if (idx >= 0 && isStale(rows[idx], task)) return;
      const matches = taskMatches(query, task);
      if (idx >= 0) {
        const next = rows.slice();
        if (matches) next[idx] = task;
        else next.splice(idx, 1);
        set({ rows: next, total: next.length });
        return;
      }
      if (!matches) {
        // It may have been one of the rows not loaded yet: only a filter on
        // state can change whether a task matches, so recount then.
        if (query.state && rows.some((r) => r === undefined)) scheduleReload();
        return;
      }
      // Newest first: find where its creation time puts it among loaded rows.
      const t = Date.parse(task.createdAt);
      let at = rows.findIndex((r) => r !== undefined && Date.parse(r.createdAt) < t);
      if (at === -1) at = rows.length;
      const before = at === 0 || rows[at - 1] !== undefined;
      const after = at === rows.length || rows[at] !== undefined;
      if (!get().loaded || !before || !after) {
        scheduleReload();
        return;
      }
      const next = rows.slice();
      next.splice(at, 0, task);
      set({ rows: next, total: next.length });
    },

    applyDeleted(id) {
      const { rows } = get();
      const idx = rows.findIndex((r) => r?.id === id);
      if (idx >= 0) {
        const next = rows.slice();
        next.splice(idx, 1);
        set({ rows: next, total: next.length });
      } else if (rows.some((r) => r === undefined)) {
        scheduleReload();
      }
    },
  };
});

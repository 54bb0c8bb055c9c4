import { create } from 'zustand';
import type { TranscriptEvent } from '../../src-shared/domain';
import { api } from '../api/client';
import { errorMessage } from '../lib/error-message';

/** Events per `executions.events` call; pages are aligned on multiples of it. */
export const EVENT_PAGE = 500;
/** Pages kept in memory; the ones farthest from what is shown are dropped (and reload). */
export const MAX_PAGES = 60;

type Page = (TranscriptEvent | undefined)[];

interface TranscriptState {
  executionId: string | null;
  /** Events by page number (seq / EVENT_PAGE), each indexed by seq % EVENT_PAGE. */
  pages: Record<number, Page>;
  /** lastSeq + 1: how many events the execution has so far. */
  count: number;
  loaded: boolean;
  error: string | null;
  /**
   * tool_use id → tool name, from the assistant events seen so far. One map per
   * execution, added to in place (a copy per page was O(n²) over a long
   * transcript); `toolNamesVersion` changes whenever it learns a name.
   */
  toolNames: ReadonlyMap<string, string>;
  toolNamesVersion: number;
  open(executionId: string | null): void;
  /** Loads the pages holding events start..end (inclusive) that are missing. */
  ensureRange(start: number, end: number): void;
  /** Live events from `execution.events` (others' executions are ignored). */
  appendLive(events: TranscriptEvent[]): void;
  /** Asks for the current count again (after a reconnect, events may have been missed). */
  resync(): void;
}

let generation = 0;
let inflight = new Set<number>();
/** The open execution's tool names (see `toolNames`). */
let names = new Map<string, string>();

export function eventAt(pages: Record<number, Page>, seq: number): TranscriptEvent | undefined {
  return pages[Math.floor(seq / EVENT_PAGE)]?.[seq % EVENT_PAGE];
}

function toolUses(events: readonly (TranscriptEvent | undefined)[]): [string, string][] {
  const out: [string, string][] = [];
  for (const e of events) {
    if (e?.type !== 'assistant' || !e.data || typeof e.data !== 'object') continue;
    const content = (e.data as { message?: { content?: unknown } }).message?.content;
    if (!Array.isArray(content)) continue;
    for (const block of content as { type?: unknown; id?: unknown; name?: unknown }[]) {
      if (block?.type === 'tool_use' && typeof block.id === 'string') {
        out.push([block.id, typeof block.name === 'string' ? block.name : 'tool']);
      }
    }
  }
  return out;
}

/** Adds the tool names `events` introduce; true when there were any. */
function learnTools(names: Map<string, string>, events: readonly TranscriptEvent[]): boolean {
  let learned = false;
  for (const [id, name] of toolUses(events)) {
    if (!names.has(id)) {
      names.set(id, name);
      learned = true;
    }
  }
  return learned;
}

/** Merges events into pages, copying only the pages touched. */
function mergeEvents(
  pages: Record<number, Page>,
  events: readonly TranscriptEvent[],
): Record<number, Page> {
  const next = { ...pages };
  const copied = new Set<number>();
  for (const e of events) {
    const p = Math.floor(e.seq / EVENT_PAGE);
    if (!copied.has(p)) {
      next[p] = next[p] ? next[p]!.slice() : [];
      copied.add(p);
    }
    next[p]![e.seq % EVENT_PAGE] = e;
  }
  return next;
}

/** Drops the pages farthest from the range in view, keeping the newest page. */
function evict(
  pages: Record<number, Page>,
  firstPage: number,
  lastPage: number,
  newest: number,
): Record<number, Page> {
  const keys = Object.keys(pages).map(Number);
  if (keys.length <= MAX_PAGES) return pages;
  const distance = (p: number): number =>
    p === newest ? -1 : p < firstPage ? firstPage - p : p > lastPage ? p - lastPage : 0;
  const keep = keys.sort((a, b) => distance(a) - distance(b)).slice(0, MAX_PAGES);
  return Object.fromEntries(keep.map((p) => [p, pages[p]!]));
}

export const useTranscript = create<TranscriptState>()((set, get) => {
  const fetchPage = async (page: number): Promise<void> => {
    const executionId = get().executionId;
    if (!executionId) return;
    const gen = generation;
    inflight.add(page);
    try {
      const res = await api().request('executions.events', {
        executionId,
        afterSeq: page * EVENT_PAGE - 1,
        limit: EVENT_PAGE,
      });
      if (gen !== generation) return;
      const learned = learnTools(names, res.events);
      set((s) => ({
        pages: mergeEvents(s.pages, res.events),
        count: Math.max(s.count, res.lastSeq + 1),
        toolNamesVersion: s.toolNamesVersion + (learned ? 1 : 0),
        loaded: true,
        error: null,
      }));
    } catch (err) {
      if (gen === generation) set({ error: errorMessage(err), loaded: true });
    } finally {
      if (gen === generation) inflight.delete(page);
    }
  };

  const empty = (executionId: string | null) => ({
    executionId,
    pages: {},
    count: 0,
    loaded: false,
    error: null,
    toolNames: names,
    toolNamesVersion: 0,
  });

  return {
    ...empty(null),

    open(executionId) {
      if (executionId === get().executionId) return;
      generation++;
      inflight = new Set();
      names = new Map();
      set(empty(executionId));
      if (executionId) void fetchPage(0);
    },

    ensureRange(start, end) {
      const { count, pages, loaded } = get();
      if (!loaded || count === 0) return;
      const first = Math.max(0, Math.floor(start / EVENT_PAGE));
      const last = Math.floor(Math.min(end, count - 1) / EVENT_PAGE);
      for (let p = first; p <= last; p++) {
        if (inflight.has(p)) continue;
        const page = pages[p];
        const from = Math.max(start, p * EVENT_PAGE);
        const to = Math.min(end, count - 1, (p + 1) * EVENT_PAGE - 1);
        let missing = !page;
        for (let seq = from; !missing && seq <= to; seq++) {
          if (page![seq % EVENT_PAGE] === undefined) missing = true;
        }
        if (missing) void fetchPage(p);
      }
      const newest = Math.floor((count - 1) / EVENT_PAGE);
      const kept = evict(pages, first, last, newest);
      if (kept !== pages) set({ pages: kept });
    },

    appendLive(events) {
      const { executionId } = get();
      const mine = events.filter((e) => e.executionId === executionId);
      if (mine.length === 0) return;
      const lastSeq = mine.reduce((m, e) => Math.max(m, e.seq), -1);
      const learned = learnTools(names, mine);
      set((s) => ({
        pages: mergeEvents(s.pages, mine),
        count: Math.max(s.count, lastSeq + 1),
        toolNamesVersion: s.toolNamesVersion + (learned ? 1 : 0),
      }));
    },

    resync() {
      const { executionId, count } = get();
      if (!executionId) return;
      void fetchPage(Math.floor(Math.max(0, count - 1) / EVENT_PAGE));
    },
  };
});

import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import type { DesktopBridge } from '../../src-shared/contract';
import { useBlocked } from '../stores/blocked-store';
import { useCommitDiff } from '../stores/commit-diff-store';
import { useConnection } from '../stores/connection-store';
import { useLogs } from '../stores/logs-store';
import { useTaskDraft } from '../stores/new-task-draft-store';
import { useProjects } from '../stores/projects-store';
import { useQueue } from '../stores/queue-store';
import { useSettings } from '../stores/settings-store';
import { useTaskDetail } from '../stores/task-detail-store';
import { useTasks } from '../stores/tasks-store';
import { useToasts } from '../stores/toasts-store';
import { useTranscript } from '../stores/transcript-store';
import { useUi } from '../stores/ui-store';
import { createFakeApi, type FakeApi } from './fake-api';

interface Resettable {
  getInitialState(): unknown;
  setState(state: never, replace: true): void;
}

const STORES: Resettable[] = [
  useBlocked,
  useCommitDiff,
  useConnection,
  useLogs,
  useTaskDraft,
  useProjects,
  useQueue,
  useSettings,
  useTaskDetail,
  useTasks,
  useToasts,
  useTranscript,
  useUi,
];

export function resetStores(): void {
  for (const store of STORES) store.setState(store.getInitialState() as never, true);
}

/**
 * Every renderer test: a fresh fake API on window, fresh stores, and the DOM
 * cleaned afterwards (vitest globals are off, so RTL cannot do it itself).
 */
export function setupFakeApi(opts: { desktop?: DesktopBridge } = {}): { current: FakeApi } {
  const ref = { current: createFakeApi(opts) };
  beforeEach(() => {
    ref.current = createFakeApi(opts);
    window.claudomator = ref.current.api;
    resetStores();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    delete window.claudomator;
  });
  return ref;
}

/**
 * jsdom lays nothing out: give scrollers marked `data-virtual-scroller` a
 * viewport and every other element a row height, so virtual lists render a window.
 */
export function mockLayout(viewport = { width: 800, height: 600 }, rowHeight = 40): () => void {
  const proto = HTMLElement.prototype;
  const saved = {
    clientHeight: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
    clientWidth: Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
    offsetHeight: Object.getOwnPropertyDescriptor(proto, 'offsetHeight'),
    offsetWidth: Object.getOwnPropertyDescriptor(proto, 'offsetWidth'),
    scrollHeight: Object.getOwnPropertyDescriptor(proto, 'scrollHeight'),
  };
  const isScroller = (el: HTMLElement): boolean => el.hasAttribute('data-virtual-scroller');
  Object.defineProperty(proto, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return isScroller(this) ? viewport.height : 0;
    },
  });
  Object.defineProperty(proto, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return isScroller(this) ? viewport.width : 0;
    },
  });
  Object.defineProperty(proto, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return isScroller(this) ? viewport.height : rowHeight;
    },
  });
  // A scroller's content is as tall as its tallest child says (virtual lists set it).
  Object.defineProperty(proto, 'scrollHeight', {
    configurable: true,
    get(this: HTMLElement) {
      if (!isScroller(this)) return 0;
      let h = viewport.height;
      for (const child of Array.from(this.children)) {
        h = Math.max(h, parseFloat((child as HTMLElement).style.height) || 0);
      }
      return h;
    },
  });
  Object.defineProperty(proto, 'offsetWidth', {
    configurable: true,
    get() {
      return viewport.width;
    },
  });
  return () => {
    for (const [k, d] of Object.entries(saved)) {
      if (d) Object.defineProperty(proto, k, d);
      else delete (proto as unknown as Record<string, unknown>)[k];
    }
  };
}

import type { Store } from '../store';
import type { EventBus } from '../events/event-bus';
import type { TaskEvents } from '../events/task-events';
import type { Pool } from '../pool/pool';
import type { TerminalManager } from '../terminal/terminal-manager';

/** What request handlers work with: the engine's parts, never its transports. */
export interface EngineContext {
  store: Store;
  bus: EventBus;
  tasks: TaskEvents;
  pool: Pool;
  terminals: TerminalManager;
  version: string;
  dataDir: string;
  mode: 'desktop' | 'browser';
}

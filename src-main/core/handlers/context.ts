import type { Store } from '../store';
import type { EventBus } from '../events/event-bus';
import type { TaskEvents } from '../events/task-events';
import type { Pool } from '../pool/pool';

/** What request handlers work with: the engine's parts, never its transports. */
export interface EngineContext {
  store: Store;
  bus: EventBus;
  tasks: TaskEvents;
  pool: Pool;
  version: string;
  dataDir: string;
  mode: 'desktop' | 'browser';
}

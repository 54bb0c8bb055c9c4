import { EventEmitter } from 'node:events';
import type { EventName, EventPayloads } from '../../../src-shared/contract';

type Listener<E extends EventName> = (payload: EventPayloads[E]) => void;

/** Typed fan-out of core events to whichever transports are attached. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every UI client (window, WebSocket) subscribes; many is normal.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    this.emitter.emit(event, payload);
  }

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  /** Lets producers skip building payloads nobody will read. */
  hasListeners(event: EventName): boolean {
    return this.emitter.listenerCount(event) > 0;
  }
}

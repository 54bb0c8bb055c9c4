import type { Store } from '../store';

interface PauseRecord {
  until: number;
  reason: string;
}

/**
 * The queue-wide pause after quota runs out. Persisted, so a restart during
 * the pause does not burn the queue against a spent quota.
 */
export class QueuePause {
  private record: PauseRecord | null;

  constructor(private readonly store: Store) {
    this.record = store.settings.readInternal<PauseRecord>('queuePause');
  }

  until(): number | null {
    return this.record?.until ?? null;
  }

  reason(): string | null {
    return this.record?.reason ?? null;
  }

  pauseUntil(until: number, reason: string): void {
    // Several tasks may hit the same quota; keep the latest reset.
    if (this.record && this.record.until >= until) return;
    this.record = { until, reason };
    this.store.settings.writeInternal('queuePause', this.record);
  }

  clear(): void {
    this.record = null;
    this.store.settings.writeInternal('queuePause', null);
  }
}

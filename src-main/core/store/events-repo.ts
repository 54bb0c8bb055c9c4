import type { Db } from './database';

/** Index of one stream-json line: where it sits in stdout.log and what kind it is. */
export interface EventIndexEntry {
  seq: number;
  offset: number;
  length: number;
  type: string;
  subtype: string | null;
}

/**
 * The transcript index. The log file stays the source of truth; the database
 * holds only byte ranges and kinds, so a 100 MB stream costs a few MB here.
 */
export class EventsRepo {
  constructor(private readonly db: Db) {}

  append(executionId: string, entries: readonly EventIndexEntry[]): void {
    if (entries.length === 0) return;
    const ins = this.db.prepare(
      `INSERT OR REPLACE INTO events (execution_id, seq, byte_offset, byte_length, type, subtype)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const e of entries) ins.run(executionId, e.seq, e.offset, e.length, e.type, e.subtype);
    })();
  }

  page(executionId: string, afterSeq: number, limit: number): EventIndexEntry[] {
    return this.db
      .prepare(
        `SELECT seq, byte_offset AS offset, byte_length AS length, type, subtype FROM events
         WHERE execution_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      )
      .all(executionId, afterSeq, limit) as EventIndexEntry[];
  }

  lastSeq(executionId: string): number {
    const r = this.db
      .prepare('SELECT max(seq) AS s FROM events WHERE execution_id = ?')
      .get(executionId) as { s: number | null };
    return r.s ?? -1;
  }
}

import type Database from 'better-sqlite3';
import { statement, type Db } from './database';

/** Index of one stream-json line: where it sits in stdout.log and what kind it is. */
export interface EventIndexEntry {
  seq: number;
  offset: number;
  length: number;
  type: string;
  subtype: string | null;
}

/** Rows per INSERT statement: a flood of small lines costs a few hundred statements, not 200k. */
const ROWS_PER_INSERT = 100;

/**
 * The transcript index. The log file stays the source of truth; the database
 * holds only byte ranges and kinds, so a 100 MB stream costs a few MB here.
 */
export class EventsRepo {
  constructor(private readonly db: Db) {}

  append(executionId: string, entries: readonly EventIndexEntry[]): void {
    if (entries.length === 0) return;
    this.db.transaction(() => {
      for (let from = 0; from < entries.length; from += ROWS_PER_INSERT) {
        const rows = Math.min(ROWS_PER_INSERT, entries.length - from);
        const args: (string | number | null)[] = [];
        for (let i = from; i < from + rows; i++) {
          const e = entries[i]!;
          args.push(executionId, e.seq, e.offset, e.length, e.type, e.subtype);
        }
        this.insert(rows).run(args);
      }
    })();
  }

  private insert(rows: number): Database.Statement {
    return statement(
      this.db,
      `INSERT OR REPLACE INTO events (execution_id, seq, byte_offset, byte_length, type, subtype)
       VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
    );
  }

  page(executionId: string, afterSeq: number, limit: number): EventIndexEntry[] {
    return statement(
      this.db,
      `SELECT seq, byte_offset AS offset, byte_length AS length, type, subtype FROM events
         WHERE execution_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    ).all(executionId, afterSeq, limit) as EventIndexEntry[];
  }

  /** The entry with the highest seq: where indexing stopped. */
  last(executionId: string): EventIndexEntry | null {
    const row = statement(
      this.db,
      `SELECT seq, byte_offset AS offset, byte_length AS length, type, subtype FROM events
         WHERE execution_id = ? ORDER BY seq DESC LIMIT 1`,
    ).get(executionId) as EventIndexEntry | undefined;
    return row ?? null;
  }

  lastSeq(executionId: string): number {
    return this.last(executionId)?.seq ?? -1;
  }
}

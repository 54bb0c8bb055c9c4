import type { Settings } from '../../../src-shared/domain';
import { statement, type Db } from './database';

export const DEFAULT_SETTINGS: Settings = {
  maxConcurrency: 2,
  claudeBin: 'claude',
  defaultModel: null,
  defaultPermissionMode: 'bypassPermissions',
  defaultTimeoutSeconds: 0,
  quotaPauseMinutes: 60,
  notifyOnComplete: false,
  notifyOnFail: true,
};

/** Settings live as one row per key so a new setting needs no migration. */
export class SettingsRepo {
  /** The pool asks several times per dispatch; only set() changes the answer. */
  private cached: Settings | null = null;

  constructor(private readonly db: Db) {}

  get(): Settings {
    this.cached ??= this.read();
    return { ...this.cached };
  }

  private read(): Settings {
    const rows = statement(this.db, 'SELECT key, value_json FROM settings').all() as {
      key: string;
      value_json: string;
    }[];
    const stored: Record<string, unknown> = {};
    for (const r of rows) stored[r.key] = JSON.parse(r.value_json) as unknown;
    const out: Settings = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      if (key in stored) Object.assign(out, { [key]: stored[key] });
    }
    return out;
  }

  /** Engine state that must survive a restart but is not a user setting (e.g. queue pause). */
  readInternal<T>(key: string): T | null {
    const r = statement(this.db, 'SELECT value_json FROM settings WHERE key = ?').get(
      `internal.${key}`,
    ) as { value_json: string } | undefined;
    return r ? (JSON.parse(r.value_json) as T) : null;
  }

  writeInternal(key: string, value: unknown): void {
    if (value === null) {
      statement(this.db, 'DELETE FROM settings WHERE key = ?').run(`internal.${key}`);
      return;
    }
    statement(
      this.db,
      'INSERT INTO settings (key, value_json) VALUES (?, ?) ' +
        'ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json',
    ).run(`internal.${key}`, JSON.stringify(value));
  }

  set(patch: Partial<Settings>): Settings {
    const upsert = statement(
      this.db,
      'INSERT INTO settings (key, value_json) VALUES (?, ?) ' +
        'ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json',
    );
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) upsert.run(key, JSON.stringify(value));
      }
    })();
    this.cached = null;
    return this.get();
  }
}

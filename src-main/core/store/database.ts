import Database from 'better-sqlite3';
import fs from 'node:fs';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export class MigrationError extends Error {
  constructor(
    readonly migration: Migration,
    readonly backupPath: string | null,
    cause: unknown,
  ) {
    super(
      `database migration ${migration.version} (${migration.name}) failed: ` +
        `${cause instanceof Error ? cause.message : String(cause)}; ` +
        `the database was left at version ${migration.version - 1}` +
        (backupPath ? ` and a copy was kept at ${backupPath}` : ''),
    );
    this.name = 'MigrationError';
  }
}

/** Opens (creating if needed) the SQLite store and brings its schema up to date. */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  const existed = file !== ':memory:' && fs.existsSync(file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db, file, existed, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The prepared statement for `sql`, compiled once per connection. Preparing
 * on every call was a visible share of the engine's time under a busy queue.
 */
export function statement(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, file: string, existed: boolean, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  // A copy taken before touching a database that holds someone's data: a
  // failed migration rolls back, but a bug in a successful one must not lose it.
  let backupPath: string | null = null;
  if (existed && current > 0) {
    backupPath = `${file}.v${current}.bak`;
    db.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(file, backupPath);
  }
  for (const m of pending) {
    try {
      db.transaction(() => {
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      })();
    } catch (err) {
      throw new MigrationError(m, backupPath, err);
    }
  }
}

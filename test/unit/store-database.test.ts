import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationError, openDatabase, schemaVersion } from '../../src-main/core/store/database';
import { MIGRATIONS, type Migration } from '../../src-main/core/store/migrations';

const LAST = MIGRATIONS.at(-1)!.version;

describe('openDatabase', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-unit-'));
    file = path.join(dir, 'claudomator.db');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('turns on WAL and foreign keys', () => {
    const db = openDatabase(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(() =>
        db
          .prepare(
            `INSERT INTO tasks (id, seq, project_id, root_id, name, instructions, agent_json, state,
               created_at, updated_at) VALUES ('t', 1, 'no-such-project', 't', 'n', 'i', '{}',
               'QUEUED', 'now', 'now')`,
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });

  it('migrations are numbered 1, 2, 3… and user_version is the last one', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LAST);
    db.close();
    // Reopening changes nothing and takes no backup.
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(LAST);
    again.close();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('applies only the pending migrations, in one step each', () => {
    const extra: Migration = {
      version: LAST + 1,
      name: 'add notes',
      sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);',
    };
    openDatabase(file).close();
    const db = openDatabase(file, [...MIGRATIONS, extra]);
    expect(schemaVersion(db)).toBe(LAST + 1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'notes'").get()).toBeTruthy();
    db.close();
    expect(fs.existsSync(`${file}.v${LAST}.bak`)).toBe(true);
  });

  it('migration 3 indexes the tasks a version-2 database already holds', () => {
    const v2 = openDatabase(file, MIGRATIONS.slice(0, 2));
    v2.exec(`
      INSERT INTO projects (id, name, path, created_at) VALUES ('p1', 'P', '/p', 'now');
      INSERT INTO tasks (id, seq, project_id, root_id, name, instructions, agent_json, state,
        created_at, updated_at) VALUES
        ('t1', 1, 'p1', 't1', 'Refactor the parser', 'i', '{}', 'COMPLETED', 'now', 'now'),
        ('t2', 2, 'p1', 't2', 'n', 'speed up the PARSER', '{}', 'FAILED', 'now', 'now'),
        ('t3', 3, 'p1', 't3', 'n', 'unrelated', '{}', 'FAILED', 'now', 'now');
    `);
    v2.close();
    const db = openDatabase(file);
    try {
      expect(schemaVersion(db)).toBe(LAST);
      const hits = db
        .prepare(`SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH '"parser"' ORDER BY rowid`)
        .all();
      expect(hits).toEqual([{ rowid: 1 }, { rowid: 2 }]);
    } finally {
      db.close();
    }
  });

  it('a failing migration rolls back, names itself and the backup, and keeps the data', () => {
    const db = openDatabase(file);
    db.prepare(
      "INSERT INTO projects (id, name, path, created_at) VALUES ('p1', 'Keep me', '/p', 'now')",
    ).run();
    db.close();

    const broken: Migration = {
      version: LAST + 1,
      name: 'broken halfway',
      sql: `
        CREATE TABLE half_done (x INTEGER);
        DELETE FROM projects;
        INSERT INTO no_such_table VALUES (1);
      `,
    };
    let error: unknown;
    try {
      openDatabase(file, [...MIGRATIONS, broken]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MigrationError);
    const backup = `${file}.v${LAST}.bak`;
    const message = (error as MigrationError).message;
    expect(message).toContain(`database migration ${LAST + 1} (broken halfway) failed`);
    expect(message).toContain('no_such_table');
    expect(message).toContain(`left at version ${LAST}`);
    expect(message).toContain(backup);
    expect((error as MigrationError).backupPath).toBe(backup);
    expect((error as MigrationError).migration).toBe(broken);
    expect(fs.existsSync(backup)).toBe(true);

    // Nothing of the broken migration stuck; the data is intact.
    const after = openDatabase(file);
    try {
      expect(schemaVersion(after)).toBe(LAST);
      expect(after.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBe(
        undefined,
      );
      expect(after.prepare('SELECT id, name FROM projects').all()).toEqual([
        { id: 'p1', name: 'Keep me' },
      ]);
    } finally {
      after.close();
    }
    // The backup is a working copy of the database before the migration.
    const copy = openDatabase(backup);
    try {
      expect(copy.prepare('SELECT name FROM projects').all()).toEqual([{ name: 'Keep me' }]);
    } finally {
      copy.close();
    }
  });

  it('a failing migration on a new database takes no backup and says nothing of one', () => {
    const broken: Migration = { version: 1, name: 'bad start', sql: 'CREATE TABLE (' };
    let error: unknown;
    try {
      openDatabase(file, [broken]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).backupPath).toBeNull();
    expect((error as MigrationError).message).not.toContain('copy was kept');
    expect((error as MigrationError).message).toContain('migration 1 (bad start) failed');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('earlier migrations of the same run stay applied when a later one fails', () => {
    const good: Migration = { version: 1, name: 'good', sql: 'CREATE TABLE a (x);' };
    const bad: Migration = { version: 2, name: 'bad', sql: 'CREATE TABLE a (x);' };
    expect(() => openDatabase(file, [good, bad])).toThrow(MigrationError);
    const db = openDatabase(file, [good]);
    expect(schemaVersion(db)).toBe(1);
    db.close();
  });
});

// Versioned schema. Append only: a shipped migration is never edited, a new
// one is added with the next version number.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        path TEXT NOT NULL UNIQUE,
        use_origin INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE TABLE tasks (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        project_id TEXT NOT NULL REFERENCES projects(id),
        parent_id TEXT REFERENCES tasks(id) ON DELETE CASCADE,
        root_id TEXT NOT NULL,
        name TEXT NOT NULL,
        instructions TEXT NOT NULL,
        priority INTEGER NOT NULL DEFAULT 0,
        agent_json TEXT NOT NULL,
        state TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sandbox_dir TEXT,
        base_head TEXT,
        session_id TEXT,
        question_json TEXT,
        summary TEXT,
        error TEXT,
        cost_usd REAL NOT NULL DEFAULT 0,
        retry_at TEXT,
        rate_limit_attempts INTEGER NOT NULL DEFAULT 0,
        landed_branch TEXT,
        next_prompt TEXT
      );
      CREATE INDEX tasks_by_state ON tasks(state, priority DESC, seq);
      CREATE INDEX tasks_by_project ON tasks(project_id, seq);
      CREATE INDEX tasks_by_parent ON tasks(parent_id, seq);
      CREATE TABLE task_history (
        id INTEGER PRIMARY KEY,
        task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        from_state TEXT,
        to_state TEXT NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT,
        at TEXT NOT NULL
      );
      CREATE INDEX history_by_task ON task_history(task_id, id);
      CREATE TABLE executions (
        id TEXT PRIMARY KEY,
        task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        session_id TEXT NOT NULL,
        prompt TEXT NOT NULL,
        sandbox_dir TEXT,
        start_head TEXT,
        stdout_path TEXT NOT NULL,
        stderr_path TEXT NOT NULL,
        artifact_dir TEXT NOT NULL,
        pid INTEGER,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        exit_code INTEGER,
        cost_usd REAL NOT NULL DEFAULT 0,
        session_cost_usd REAL,
        num_turns INTEGER,
        duration_ms INTEGER,
        error TEXT,
        summary TEXT,
        session_started INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX executions_by_task ON executions(task_id, started_at);
      CREATE INDEX executions_by_state ON executions(state);
      CREATE TABLE commits (
        execution_id TEXT NOT NULL REFERENCES executions(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL,
        subject TEXT NOT NULL,
        PRIMARY KEY (execution_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        execution_id TEXT NOT NULL REFERENCES executions(id) ON DELETE CASCADE,
        question_json TEXT NOT NULL,
        asked_at TEXT NOT NULL,
        answer TEXT,
        answered_at TEXT
      );
      CREATE INDEX questions_by_task ON questions(task_id, id);
      CREATE TABLE events (
        execution_id TEXT NOT NULL REFERENCES executions(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        byte_offset INTEGER NOT NULL,
        byte_length INTEGER NOT NULL,
        type TEXT NOT NULL,
        subtype TEXT,
        PRIMARY KEY (execution_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'task revision counter',
    // Clients receive a task both in action replies and in events, in any
    // order; the revision lets them keep the newest.
    sql: 'ALTER TABLE tasks ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;',
  },
  {
    version: 3,
    name: 'task list indexes: state by seq, full-text search',
    // The list pages by seq within a state; the search is a case-insensitive
    // substring of name or instructions, which a trigram index answers without
    // reading every task. It indexes tasks by seq (stable; a rowid is not).
    sql: `
      CREATE INDEX tasks_by_state_seq ON tasks(state, seq);
      CREATE VIRTUAL TABLE tasks_fts USING fts5(
        name, instructions, content='tasks', content_rowid='seq', tokenize='trigram'
      );
      INSERT INTO tasks_fts(tasks_fts) VALUES ('rebuild');
      CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
        INSERT INTO tasks_fts(rowid, name, instructions)
          VALUES (new.seq, new.name, new.instructions);
      END;
      CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
        INSERT INTO tasks_fts(tasks_fts, rowid, name, instructions)
          VALUES ('delete', old.seq, old.name, old.instructions);
      END;
      CREATE TRIGGER tasks_fts_update AFTER UPDATE OF seq, name, instructions ON tasks BEGIN
        INSERT INTO tasks_fts(tasks_fts, rowid, name, instructions)
          VALUES ('delete', old.seq, old.name, old.instructions);
        INSERT INTO tasks_fts(rowid, name, instructions)
          VALUES (new.seq, new.name, new.instructions);
      END;
    `,
  },
];

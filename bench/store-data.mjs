// Builds a data directory holding many finished tasks, for figures 5 and 7:
// opened once through the app's own Store (so its migrations make the schema),
// then bulk-inserted in one transaction. No task is QUEUED or RUNNING, so a
// `serve` on it starts nothing.
/* global performance */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { app, mkdirp, rmrf } from './lib.mjs';

/** Small deterministic PRNG (mulberry32), so every run builds the same data. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATES = [
  ['COMPLETED', 0.7],
  ['FAILED', 0.15],
  ['CANCELLED', 0.08],
  ['INTERRUPTED', 0.03],
  ['BLOCKED', 0.02],
  ['TIMED_OUT', 0.02],
];

/** Words that appear in a known share of tasks, for the search queries. */
export const SEARCH_TERMS = {
  /** In about 5% of the tasks. */
  common: 'refactor',
  /** In exactly 20 tasks. */
  rare: 'zanzibar',
  /** In none. */
  missing: 'quetzalcoatl',
};

function vocabulary(rand, size) {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'to', 'vi', 'sa', 'pe', 'do', 'gu', 'fy', 'ch'];
  const words = new Set();
  while (words.size < size) {
    const n = 2 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += syllables[Math.floor(rand() * syllables.length)];
    words.add(w);
  }
  words.delete(SEARCH_TERMS.common);
  words.delete(SEARCH_TERMS.rare);
  words.delete(SEARCH_TERMS.missing);
  return [...words];
}

function sentence(rand, words, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(words[Math.floor(rand() * words.length)]);
  return out.join(' ');
}

/**
 * Creates `dataDir` with `tasks` finished tasks (3 history rows each, one
 * execution each, a second for every fifth). Returns the time it took (ms),
 * the part of it the store's last migrations took, and the database size.
 */
export async function buildDataDir(dataDir, tasks) {
  const started = performance.now();
  const { Store } = await app('src-main/core/store/index.js');
  const { openDatabase } = await app('src-main/core/store/database.js');
  const { MIGRATIONS } = await app('src-main/core/store/migrations.js');
  const { prepareDataDir } = await app('src-main/core/data-dir.js');
  const paths = prepareDataDir(dataDir);
  // Filled at the schema before the full-text index, then brought up to date by
  // the store itself: the index is built in one pass, as when a user upgrades
  // (and that upgrade is timed). Row by row through its triggers takes 4× longer.
  const ftsAt = MIGRATIONS.findIndex((m) => m.sql.includes('tasks_fts'));
  const db = openDatabase(paths.database, ftsAt >= 0 ? MIGRATIONS.slice(0, ftsAt) : MIGRATIONS);
  const rand = prng(42);
  const words = vocabulary(rand, 3000);
  const projectDir = mkdirp(path.join(dataDir, '..', 'store-project'));
  try {
    db.transaction(() => {
      const projects = [];
      for (let p = 0; p < 10; p++) {
        const id = randomUUID();
        projects.push(id);
        db.prepare(
          'INSERT INTO projects (id, name, path, use_origin, created_at) VALUES (?, ?, ?, 0, ?)',
        ).run(id, `project ${p}`, path.join(projectDir, `p${p}`), new Date(0).toISOString());
      }
      const insTask = db.prepare(
        `INSERT INTO tasks (id, seq, project_id, parent_id, root_id, name, instructions, priority,
           agent_json, state, created_at, updated_at, summary, error, cost_usd)
         VALUES (?, ?, ?, NULL, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const insHistory = db.prepare(
        `INSERT INTO task_history (task_id, from_state, to_state, actor, reason, at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      );
      const insExecution = db.prepare(
        `INSERT INTO executions (id, task_id, kind, state, session_id, prompt, sandbox_dir,
           stdout_path, stderr_path, artifact_dir, started_at, ended_at, exit_code, cost_usd,
           num_turns, duration_ms, error, summary, session_started)
         VALUES (?, ?, 'fresh', ?, ?, ?, NULL, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, 1)`,
      );
      const agent = JSON.stringify({
        model: null,
        permissionMode: null,
        maxBudgetUsd: null,
        allowedTools: [],
        disallowedTools: [],
        skipPlanning: false,
        systemPromptAppend: null,
        contextDirs: [],
        additionalArgs: [],
        timeoutSeconds: null,
      });
      const rareEvery = Math.floor(tasks / 20);
      const t0 = Date.parse('2025-01-01T00:00:00Z');
      for (let i = 1; i <= tasks; i++) {
        const id = randomUUID();
        const r = rand();
        let acc = 0;
        let state = STATES[0][0];
        for (const [s, share] of STATES) {
          acc += share;
          if (r < acc) {
            state = s;
            break;
          }
        }
        let instructions = sentence(rand, words, 20 + Math.floor(rand() * 130));
        if (rand() < 0.05) instructions += ` ${SEARCH_TERMS.common} the module`;
        if (i % rareEvery === 0) instructions += ` near ${SEARCH_TERMS.rare}`;
        const name = sentence(rand, words, 4 + Math.floor(rand() * 6));
        const at = new Date(t0 + i * 60_000).toISOString();
        const done = new Date(t0 + i * 60_000 + 45_000).toISOString();
        const error = state === 'COMPLETED' || state === 'BLOCKED' ? null : `task ended ${state}`;
        const summary = state === 'COMPLETED' ? sentence(rand, words, 20) : null;
        insTask.run(
          id,
          i,
          projects[i % projects.length],
          id,
          name,
          instructions,
          agent,
          state,
          at,
          done,
          summary,
          error,
          0.05,
        );
        insHistory.run(id, null, 'QUEUED', 'user', 'created', at);
        insHistory.run(id, 'QUEUED', 'RUNNING', 'system', 'dispatched', at);
        insHistory.run(id, 'RUNNING', state, 'system', error ?? 'completed', done);
        const runs = i % 5 === 0 ? 2 : 1;
        for (let e = 0; e < runs; e++) {
          const eid = randomUUID();
          const logs = path.join(paths.logs, eid);
          insExecution.run(
            eid,
            id,
            e === runs - 1 ? state : 'FAILED',
            eid,
            instructions,
            path.join(logs, 'stdout.log'),
            path.join(logs, 'stderr.log'),
            logs,
            at,
            done,
            0.05,
            3,
            45_000,
            error,
            summary,
          );
        }
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const filled = performance.now();
  Store.open(paths.database).close();
  const migrateMs = performance.now() - filled;
  // The copy the store keeps before migrating a database with data in it.
  for (const f of fs.readdirSync(dataDir)) if (f.endsWith('.bak')) rmrf(path.join(dataDir, f));
  return {
    ms: performance.now() - started,
    migrateMs,
    bytes: fs.statSync(paths.database).size,
  };
}

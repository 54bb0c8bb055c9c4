import type { Handlers } from '../../src-shared/contract';
import { agentToken } from './api/agent-tokens';
import { loadOrCreateToken } from './api/api-token';
import { prepareDataDir, type DataPaths } from './data-dir';
import { EventBus } from './events/event-bus';
import { TaskEvents } from './events/task-events';
import { createHandlers } from './handlers';
import { Pool } from './pool/pool';
import { recoverInterrupted } from './pool/recovery';
import { Runner } from './runner/run-execution';
import { discardsSettled, emptyTrash, gitIdentityEnv } from './sandbox';
import { Store } from './store';
import { TerminalManager } from './terminal/terminal-manager';

/** How long closing waits for finished sandboxes to be deleted (the rest goes at the next start). */
const CLOSE_WAIT_FOR_DELETES_MS = 3000;

export interface EngineOptions {
  dataDir: string;
  version: string;
  /** Overrides the claude binary setting for this run (`--claude-bin`). */
  claudeBin?: string;
  maxConcurrency?: number;
  backoffBaseMs?: number;
  maxRateLimitAttempts?: number;
  killGraceMs?: number;
  agentEnv?: Record<string, string>;
  log?: (msg: string) => void;
  /** Which face the engine serves (default 'browser', i.e. `serve`). */
  mode?: 'desktop' | 'browser';
}

/** The headless core: store, queue and runner behind the contract's handlers. */
export class Engine {
  readonly handlers: Handlers;

  private constructor(
    readonly paths: DataPaths,
    readonly store: Store,
    readonly bus: EventBus,
    readonly pool: Pool,
    readonly terminals: TerminalManager,
    readonly token: string,
    private readonly api: { url: string },
    opts: EngineOptions,
  ) {
    const tasks = new TaskEvents(store, bus);
    this.handlers = createHandlers({
      store,
      bus,
      tasks,
      pool,
      terminals,
      version: opts.version,
      dataDir: paths.root,
      mode: opts.mode ?? 'browser',
    });
  }

  static async open(opts: EngineOptions): Promise<Engine> {
    const log = opts.log ?? ((m: string) => console.error(`[claudomator] ${m}`));
    const paths = prepareDataDir(opts.dataDir);
    const store = Store.open(paths.database);
    try {
      if (opts.claudeBin) store.settings.set({ claudeBin: opts.claudeBin });
      if (opts.maxConcurrency) store.settings.set({ maxConcurrency: opts.maxConcurrency });
      const token = loadOrCreateToken(paths.root);
      const identity = await gitIdentityEnv();
      const bus = new EventBus();
      const tasks = new TaskEvents(store, bus);
      const api = { url: '' };
      const runner = new Runner(store, bus, {
        claudeBin: () => store.settings.get().claudeBin,
        apiUrl: () => api.url,
        apiToken: (executionId) => agentToken(token, executionId),
        killGraceMs: opts.killGraceMs ?? 5000,
        extraEnv: { ...identity, ...opts.agentEnv },
        log,
      });
      const pool = new Pool(store, bus, tasks, runner, {
        logsDir: paths.logs,
        sandboxesDir: paths.sandboxes,
        backoffBaseMs: opts.backoffBaseMs ?? 5000,
        maxRateLimitAttempts: opts.maxRateLimitAttempts ?? 3,
        log,
      });
      const terminals = new TerminalManager(store, bus, {
        claudeBin: () => store.settings.get().claudeBin,
        // A terminal gets what the task's agent gets; its token is the latest
        // execution's, which the API no longer accepts once that run is over.
        agentEnv: (task, project) => {
          const execution = store.executions.latestForTask(task.id);
          return runner.envFor(
            task.id,
            project.path,
            execution?.id ?? `terminal-${task.id}`,
            execution?.artifactDir ?? paths.logs,
          );
        },
      });
      const recovered = recoverInterrupted(store, tasks, log);
      emptyTrash(paths.sandboxes);
      if (recovered > 0)
        log(`${recovered} execution(s) were interrupted; their tasks can be resumed`);
      return new Engine(paths, store, bus, pool, terminals, token, api, opts);
    } catch (err) {
      store.close();
      throw err;
    }
  }

  /** Where agents reach the local API; known once the HTTP server listens. */
  setApiUrl(url: string): void {
    this.api.url = url;
  }

  start(): void {
    this.pool.start();
  }

  async close(): Promise<void> {
    // No shell outlives the app: every terminal's process group goes first.
    await this.terminals.closeAll();
    await this.pool.shutdown();
    await discardsSettled(CLOSE_WAIT_FOR_DELETES_MS);
    this.store.close();
  }
}

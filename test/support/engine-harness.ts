import fs from 'node:fs';
import path from 'node:path';
import type { Channel, RequestParams, RequestResult } from '../../src-shared/contract';
import type { Task, TaskState } from '../../src-shared/domain';
import { dispatchRequest } from '../../src-main/core/handlers';
import { serve, type Serving } from '../../src-main/server/serve';
import { FAKE_CLAUDE_BIN, readInvocations, type FakeInvocation } from './fake-claude';
import { makeTempDir, TEST_IDENTITY } from './git-repos';

export interface Harness {
  root: string;
  dataDir: string;
  home: string;
  serving: Serving;
  call<C extends Channel>(channel: C, params: RequestParams<C>): Promise<RequestResult<C>>;
  /** Polls the store until the task satisfies `want` (a state or a predicate). */
  waitFor(id: string, want: TaskState | ((t: Task) => boolean), timeoutMs?: number): Promise<Task>;
  invocations(): FakeInvocation[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  maxConcurrency?: number;
  backoffBaseMs?: number;
  killGraceMs?: number;
  claudeBin?: string;
  dataDir?: string;
  agentEnv?: Record<string, string>;
}

/** The real engine and HTTP API in-process, with the fake claude as its agent. */
export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const root = makeTempDir();
  const home = path.join(root, 'home');
  fs.mkdirSync(home);
  const record = path.join(root, 'invocations.jsonl');
  const dataDir = opts.dataDir ?? path.join(root, 'data');
  const serving = await serve({
    dataDir,
    port: 0,
    version: 'test',
    claudeBin: opts.claudeBin ?? FAKE_CLAUDE_BIN,
    maxConcurrency: opts.maxConcurrency ?? 2,
    backoffBaseMs: opts.backoffBaseMs ?? 50,
    killGraceMs: opts.killGraceMs ?? 1000,
    agentEnv: {
      HOME: home,
      IS_SANDBOX: '1',
      FAKE_CLAUDE_RECORD: record,
      ...TEST_IDENTITY,
      ...opts.agentEnv,
    },
    log: () => undefined,
  });
  const { engine } = serving;
  const h: Harness = {
    root,
    dataDir,
    home,
    serving,
    call: (channel, params) => dispatchRequest(engine.handlers, channel, params, { actor: 'user' }),
    waitFor: async (id, want, timeoutMs = 45_000) => {
      const ok = typeof want === 'string' ? (t: Task) => t.state === want : want;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const task = engine.store.tasks.get(id);
        if (ok(task)) return task;
        if (Date.now() > deadline) {
          const history = engine.store.tasks
            .history(id)
            .map((e) => `${e.from ?? '∅'}→${e.to} (${e.reason ?? ''})`)
            .join(', ');
          throw new Error(
            `task ${id} never reached ${typeof want === 'string' ? want : 'the wanted state'}; ` +
              `it is ${task.state}, error: ${task.error ?? 'none'}; history: ${history}`,
          );
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    invocations: () => readInvocations(record),
    close: () => serving.stop(),
  };
  return h;
}

/** Instructions carrying a fake-claude scenario line. */
export function withScenario(text: string, scenarioLine: string): string {
  return `${text}\n${scenarioLine}`;
}

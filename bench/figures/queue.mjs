// Figure 6: queue overhead. 50 tasks whose (fake) agent exits at once, at
// concurrency 4, each with its sandbox cloned, the run, landing and teardown;
// timed from the first create to the last COMPLETED. Baseline: the same 50
// `git clone` + agent runs + `rm -rf` done by plain shell loops, 4 at a time,
// each agent started exactly as the engine starts it (its argument list from
// the engine's own buildArgs, the prompt on stdin), so that the two sides
// differ only in what runs around the agent.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  FAKE_CLAUDE,
  IDENTITY,
  app,
  call,
  makeSmallRepo,
  mkdirp,
  nowMs,
  paired,
  rmrf,
  scenario,
  sh,
  startServe,
  waitForStates,
} from '../lib.mjs';

const TASKS = 50;
const CONCURRENCY = 4;
const SESSION = '@SESSION@';

const shq = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/** Four loops; task i reads its session id and prompt from files made before the clock starts. */
function shellLoops(agentArgs) {
  const args = agentArgs.map((a) => (a === SESSION ? '"$sid"' : shq(a))).join(' ');
  return `
work() {
  i=$1
  while [ "$i" -le ${TASKS} ]; do
    git clone -q "$SRC" "$OUT/s$i"
    read -r sid < "$OUT/sid$i"
    (cd "$OUT/s$i" && "$AGENT" ${args} < "$OUT/prompt$i" > "$OUT/log$i" 2>&1)
    rm -rf "$OUT/s$i"
    i=$((i + ${CONCURRENCY}))
  done
}
${Array.from({ length: CONCURRENCY }, (_, k) => `work ${k + 1} &`).join('\n')}
wait
`;
}

const instructions = (i, prompt) => `Task ${i}\n${prompt}`;

export default async function queue({ dir, reps, log }) {
  const project = makeSmallRepo(path.join(dir, 'project'));
  const home = mkdirp(path.join(dir, 'home'));
  const prompt = scenario([]);
  const serving = await startServe({
    dataDir: path.join(dir, 'data'),
    home,
    claudeBin: FAKE_CLAUDE,
    maxConcurrency: CONCURRENCY,
  });
  const { engine } = serving;
  const { discardsSettled } = await app('src-main/core/sandbox/index.js');
  try {
    const subject = async () => {
      const started = nowMs();
      const ids = [];
      for (let i = 0; i < TASKS; i++) {
        const task = await call(engine, 'tasks.create', {
          projectPath: project,
          instructions: instructions(i, prompt),
        });
        ids.push(task.id);
      }
      const done = await waitForStates(engine, ids, (s) => !['QUEUED', 'RUNNING'].includes(s));
      const ms = nowMs() - started;
      // The last sandboxes are still being deleted in the background (~20 ms
      // each): not on the clock, but not on the next baseline's either.
      await discardsSettled(60_000);
      const bad = done.filter((t) => t.state !== 'COMPLETED');
      if (bad.length) throw new Error(`${bad.length} tasks ended ${bad[0].state}: ${bad[0].error}`);
      return ms;
    };
    // One task first, untimed: it warms the engine, and tells the agent
    // command the engine builds for such a task.
    const [warm] = await waitForStates(
      engine,
      [(await call(engine, 'tasks.create', { projectPath: project, instructions: prompt })).id],
      (s) => !['QUEUED', 'RUNNING'].includes(s),
    );
    if (warm.state !== 'COMPLETED')
      throw new Error(`the warm-up task ended ${warm.state}: ${warm.error}`);
    const { buildArgs } = await app('src-main/core/runner/build-args.js');
    const settings = engine.store.settings.get();
    const command = (i) =>
      buildArgs({
        kind: 'fresh',
        sessionId: SESSION,
        agent: warm.agent,
        defaultPermissionMode: settings.defaultPermissionMode,
        defaultModel: settings.defaultModel,
        mcpConfigFile: null,
        spentUsd: 0,
        instructions: instructions(i, prompt),
      });
    const loops = shellLoops(command(1).args);
    const baseline = async (r) => {
      const out = mkdirp(path.join(dir, `shell-${r}`));
      for (let i = 1; i <= TASKS; i++) {
        fs.writeFileSync(path.join(out, `sid${i}`), `${randomUUID()}\n`);
        fs.writeFileSync(path.join(out, `prompt${i}`), command(i - 1).prompt);
      }
      const res = await sh(loops, {
        env: {
          ...process.env,
          ...IDENTITY,
          HOME: home,
          IS_SANDBOX: '1',
          SRC: project,
          OUT: out,
          AGENT: FAKE_CLAUDE,
        },
      });
      // A baseline whose agents failed at once would flatter nobody: check them.
      for (let i = 1; i <= TASKS; i++) {
        const log = fs.readFileSync(path.join(out, `log${i}`), 'utf8');
        if (!log.includes('"type":"result"') || log.includes('"is_error":true')) {
          throw new Error(`shell baseline: agent ${i} did not finish cleanly:\n${log.slice(-500)}`);
        }
      }
      rmrf(out);
      return res.ms;
    };
    // The figures before this one wrote hundreds of MB: their write-back must
    // not land on whichever side runs first.
    await sh('sync');
    const result = await paired(reps(5), subject, baseline);
    log(
      `engine ${result.subjectRuns.map((v) => v.toFixed(0)).join(', ')} ms; shell ${result.baselineRuns.map((v) => v.toFixed(0)).join(', ')} ms`,
    );
    return [
      {
        id: '6',
        name: `queue overhead: ${TASKS} instant tasks, concurrency ${CONCURRENCY}`,
        unit: 's',
        value: result.subject / 1000,
        baseline: result.baseline / 1000,
        baselineLabel: `shell: clone + the same agent command + rm, ${CONCURRENCY} loops`,
        ratio: result.subject / result.baseline,
        target: '≤ 1.3× baseline',
        met: result.subject / result.baseline <= 1.3,
        runs: {
          subject: result.subjectRuns.map((v) => v / 1000),
          baseline: result.baselineRuns.map((v) => v / 1000),
        },
      },
    ];
  } finally {
    await serving.stop();
  }
}

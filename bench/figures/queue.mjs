// Figure 6: queue overhead. 50 tasks whose (fake) agent exits at once, at
// concurrency 4, each with its sandbox cloned, the run, landing and teardown;
// timed from the first create to the last COMPLETED. Baseline: the same 50
// `git clone` + agent runs + `rm -rf` done by plain shell loops, 4 at a time.
import path from 'node:path';
import {
  FAKE_CLAUDE,
  IDENTITY,
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

const SHELL_LOOPS = `
work() {
  i=$1
  while [ "$i" -le ${TASKS} ]; do
    git clone -q "$SRC" "$OUT/s$i"
    (cd "$OUT/s$i" && "$NODE" "$AGENT" -p --verbose --output-format stream-json "$BENCH_PROMPT" \\
      < /dev/null > "$OUT/log$i" 2>&1)
    rm -rf "$OUT/s$i"
    i=$((i + ${CONCURRENCY}))
  done
}
${Array.from({ length: CONCURRENCY }, (_, k) => `work ${k + 1} &`).join('\n')}
wait
`;

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
  try {
    const subject = async () => {
      const started = nowMs();
      const ids = [];
      for (let i = 0; i < TASKS; i++) {
        const task = await call(engine, 'tasks.create', {
          projectPath: project,
          instructions: `Task ${i}\n${prompt}`,
        });
        ids.push(task.id);
      }
      const done = await waitForStates(engine, ids, (s) => !['QUEUED', 'RUNNING'].includes(s));
      const ms = nowMs() - started;
      const bad = done.filter((t) => t.state !== 'COMPLETED');
      if (bad.length) throw new Error(`${bad.length} tasks ended ${bad[0].state}: ${bad[0].error}`);
      return ms;
    };
    const baseline = async (r) => {
      const out = mkdirp(path.join(dir, `shell-${r}`));
      const res = await sh(SHELL_LOOPS, {
        env: {
          ...process.env,
          ...IDENTITY,
          HOME: home,
          IS_SANDBOX: '1',
          SRC: project,
          OUT: out,
          NODE: process.execPath,
          AGENT: FAKE_CLAUDE,
          BENCH_PROMPT: prompt,
        },
      });
      rmrf(out);
      return res.ms;
    };
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
        baselineLabel: `shell: clone + agent + rm, ${CONCURRENCY} loops`,
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

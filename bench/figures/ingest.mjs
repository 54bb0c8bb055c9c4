// Figure 1: stream ingest. The fake agent floods ~100 MB of stream-json
// (200,000 assistant lines) as fast as it can; we time until the task is
// COMPLETED. Baseline: the same agent, same arguments, its stdout piped into a
// file by `cat`. Also the growth of this (the engine's) process's peak RSS.
/* global clearInterval */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  FAKE_CLAUDE,
  IDENTITY,
  call,
  makeSmallRepo,
  median,
  mkdirp,
  nowMs,
  paired,
  rmrf,
  scenario,
  sh,
  startServe,
  waitForStates,
} from '../lib.mjs';

const LINES = 200_000;
// 467 bytes of JSON around the text + 33 characters = 500 bytes a line.
const TEXT_BYTES = 33;

/** Resets VmHWM (peak RSS) of this process; false where the kernel does not allow it. */
function resetPeakRss() {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakRss() {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

export default async function ingest({ dir, reps }) {
  const project = makeSmallRepo(path.join(dir, 'project'));
  const home = mkdirp(path.join(dir, 'home'));
  const out = mkdirp(path.join(dir, 'out'));
  const steps = [{ flood: { lines: LINES, bytes: TEXT_BYTES } }];
  const serving = await startServe({
    dataDir: path.join(dir, 'data'),
    home,
    claudeBin: FAKE_CLAUDE,
    maxConcurrency: 1,
  });
  const { engine } = serving;
  const growth = [];
  /** CPU time of this process (the engine) per run: steadier than wall time on a busy machine. */
  const cpuMs = [];
  let logBytes = 0;
  let events = 0;
  try {
    // One full GC before the first run, none between runs: a forced GC shrinks
    // V8's heap, which then costs the next run extra collections to grow it back.
    globalThis.gc?.();
    const subject = async () => {
      const before = process.memoryUsage.rss();
      const canReset = resetPeakRss();
      // Where VmHWM cannot be reset, a sampler looks for the peak instead.
      let sampled = before;
      const sampler = canReset
        ? null
        : setInterval(() => {
            sampled = Math.max(sampled, process.memoryUsage.rss());
          }, 20);
      const started = nowMs();
      const cpu0 = process.cpuUsage();
      const task = await call(engine, 'tasks.create', {
        projectPath: project,
        instructions: scenario(steps),
        agent: { skipPlanning: true },
      });
      const [done] = await waitForStates(
        engine,
        [task.id],
        (s) => s !== 'QUEUED' && s !== 'RUNNING',
      );
      const ms = nowMs() - started;
      const cpu = process.cpuUsage(cpu0);
      cpuMs.push((cpu.user + cpu.system) / 1000);
      if (sampler) clearInterval(sampler);
      if (done.state !== 'COMPLETED')
        throw new Error(`flood task ended ${done.state}: ${done.error}`);
      const peak = canReset ? peakRss() : sampled;
      growth.push(peak - before);
      const [execution] = engine.store.executions.forTask(task.id);
      logBytes = fs.statSync(execution.stdoutPath).size;
      events = engine.store.events.lastSeq(execution.id) + 1;
      rmrf(execution.artifactDir);
      return ms;
    };
    const baseline = async (i) => {
      const file = path.join(out, `cat-${i}.log`);
      const r = await sh(
        `"${process.execPath}" "${FAKE_CLAUDE}" -p --verbose --output-format stream-json ` +
          `--session-id ${randomUUID()} "$BENCH_PROMPT" < /dev/null | cat > "${file}"`,
        {
          cwd: project,
          env: {
            ...process.env,
            ...IDENTITY,
            HOME: home,
            IS_SANDBOX: '1',
            BENCH_PROMPT: scenario(steps),
          },
        },
      );
      const bytes = fs.statSync(file).size;
      rmrf(file);
      if (bytes < LINES * 400) throw new Error(`the baseline agent wrote only ${bytes} bytes`);
      return r.ms;
    };
    const {
      subject: value,
      baseline: base,
      subjectRuns,
      baselineRuns,
    } = await paired(reps(3), subject, baseline, { warmup: 0 });
    const mb = (b) => b / 1024 / 1024;
    return [
      {
        id: '1',
        name:
          `stream ingest ${Math.round(logBytes / 1e6)} MB / ${Math.round(events / 1000)}k events ` +
          `(engine CPU ${(median(cpuMs) / 1000).toFixed(2)} s)`,
        unit: 's',
        value: value / 1000,
        baseline: base / 1000,
        baselineLabel: 'agent | cat > file',
        ratio: value / base,
        target: '≤ 1.5× baseline',
        met: value / base <= 1.5,
        runs: {
          subject: subjectRuns.map((v) => v / 1000),
          baseline: baselineRuns.map((v) => v / 1000),
        },
        details: { logBytes, events, engineCpuSeconds: median(cpuMs) / 1000 },
      },
      {
        id: '1m',
        // The largest, not the median: the first run (a fresh engine) grows the heap most.
        name: 'stream ingest: engine process RSS growth (worst run)',
        unit: 'MB',
        value: mb(Math.max(...growth)),
        baseline: null,
        ratio: null,
        target: '≤ 100 MB',
        met: mb(Math.max(...growth)) <= 100,
        runs: { subject: growth.map(mb) },
      },
    ];
  } finally {
    await serving.stop();
  }
}

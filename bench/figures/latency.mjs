// Figure 2: live latency at 2,000 events/s. bench/agent-latency.mjs stamps
// each event with the wall-clock time it writes it; a subscribed client notes
// when it receives it. Paths:
//  - WebSocket: `claudomator serve` as its own process, this process as the
//    browser page (auth, then events). Both execution.events (parsed events)
//    and execution.output (raw text chunks) are measured.
//  - Bus: an in-process subscriber of the engine's event bus, which is what
//    the desktop IPC forwards to the window (the Electron hop itself is not
//    measured here).
import path from 'node:path';
import {
  BENCH_DIR,
  call,
  connectWs,
  epochMs,
  makeSmallRepo,
  median,
  mkdirp,
  percentile,
  startServe,
  startServeProcess,
} from '../lib.mjs';

const AGENT = path.join(BENCH_DIR, 'agent-latency.mjs');
const RATE = 2000;
const SECONDS = 5;
/** Events in the first half second are JIT and start-up warm-up, not steady state. */
const WARMUP_EVENTS = RATE / 2;

const instructions = (seconds) =>
  `Latency run.\nBENCH_LATENCY: ${JSON.stringify({ rate: RATE, seconds })}`;

/** Latencies of bench-stamped lines found in raw stdout text chunks. */
function outputCollector(into) {
  let carry = '';
  return (chunk) => {
    const received = epochMs();
    const text = carry + chunk;
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) {
      const m = /"bench":\{"i":(\d+),"t":([\d.]+)\}/.exec(line);
      if (m && Number(m[1]) >= WARMUP_EVENTS) into.push(received - Number(m[2]));
    }
  };
}

function eventsCollector(into) {
  return (events) => {
    const received = epochMs();
    for (const e of events) {
      const bench = e.data?.bench;
      if (bench && bench.i >= WARMUP_EVENTS) into.push(received - bench.t);
    }
  };
}

function stats(samples) {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: percentile(samples, 100),
  };
}

async function wsRun(server, ws, project, onTask) {
  const task = await ws.request('tasks.create', {
    projectPath: project,
    instructions: instructions(SECONDS),
    agent: { skipPlanning: true },
  });
  return onTask(task.id);
}

export default async function latency({ dir, reps, log }) {
  const project = makeSmallRepo(path.join(dir, 'project'));
  const runs = reps(3);
  const wsEvents = [];
  const wsOutput = [];

  // WebSocket, serve in its own process.
  const server = await startServeProcess({
    dataDir: path.join(dir, 'data-ws'),
    home: path.join(dir, 'home'),
    claudeBin: AGENT,
  });
  try {
    let current = null;
    const ws = await connectWs(server.url, server.token, (event, payload) => {
      if (!current) return;
      if (event === 'execution.events') current.events(payload.events);
      else if (event === 'execution.output' && payload.stream === 'stdout') {
        current.output(payload.chunk);
      } else if (event === 'task.updated' && payload.id === current.taskId) {
        if (!['QUEUED', 'RUNNING'].includes(payload.state)) current.done(payload);
      }
    });
    try {
      for (let r = 0; r < runs; r++) {
        const ev = [];
        const out = [];
        const ended = await wsRun(server, ws, project, async (taskId) => {
          return new Promise((resolve) => {
            current = {
              taskId,
              events: eventsCollector(ev),
              output: outputCollector(out),
              done: resolve,
            };
          });
        });
        current = null;
        if (ended.state !== 'COMPLETED') throw new Error(`latency task ended ${ended.state}`);
        log(`ws run ${r + 1}: events p95 ${stats(ev).p95.toFixed(1)} ms (n=${ev.length})`);
        wsEvents.push(stats(ev));
        wsOutput.push(stats(out));
      }
    } finally {
      ws.close();
    }
  } finally {
    await server.stop();
  }

  // In-process bus subscriber (the IPC path's source).
  const busRuns = [];
  const serving = await startServe({
    dataDir: path.join(dir, 'data-bus'),
    home: mkdirp(path.join(dir, 'home')),
    claudeBin: AGENT,
  });
  try {
    for (let r = 0; r < Math.max(1, runs - 1); r++) {
      const samples = [];
      const collect = eventsCollector(samples);
      const off = serving.engine.bus.on('execution.events', (p) => collect(p.events));
      const task = await call(serving.engine, 'tasks.create', {
        projectPath: project,
        instructions: instructions(SECONDS),
        agent: { skipPlanning: true },
      });
      await new Promise((resolve) => {
        const stop = serving.engine.bus.on('task.updated', (t) => {
          if (t.id === task.id && !['QUEUED', 'RUNNING'].includes(t.state)) {
            stop();
            resolve();
          }
        });
      });
      off();
      busRuns.push(stats(samples));
    }
  } finally {
    await serving.stop();
  }

  const row = (id, name, list) => {
    const p95 = median(list.map((s) => s.p95));
    const p99 = median(list.map((s) => s.p99));
    return {
      id,
      name,
      unit: 'ms',
      value: { p95, p99, p50: median(list.map((s) => s.p50)), max: median(list.map((s) => s.max)) },
      baseline: null,
      ratio: null,
      target: 'p95 ≤ 50 ms, p99 ≤ 100 ms',
      met: p95 <= 50 && p99 <= 100,
      runs: { subject: list },
    };
  };
  return [
    row('2', `live latency @${RATE}/s: WebSocket execution.events`, wsEvents),
    row('2b', `live latency @${RATE}/s: WebSocket execution.output`, wsOutput),
    row('2c', `live latency @${RATE}/s: in-process bus (IPC source)`, busRuns),
  ];
}

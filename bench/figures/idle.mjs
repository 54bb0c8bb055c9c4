// Figure 7: idle cost. `claudomator serve` (the compiled CLI, its own process)
// on a data dir of 10,000 finished tasks, with one UI client connected over
// the WebSocket (it listed the tasks once), nothing running: CPU time used over
// 10 s (utime + stime from /proc/<pid>/stat) and the resident set size.
import path from 'node:path';
import {
  clockTicks,
  connectWs,
  cpuTicks,
  mkdirp,
  rssBytes,
  sleep,
  startServeProcess,
} from '../lib.mjs';
import { buildDataDir } from '../store-data.mjs';

const TASKS = 10_000;
const WINDOW_S = 10;

export default async function idle({ dir, log }) {
  const dataDir = path.join(dir, 'data');
  await buildDataDir(dataDir, TASKS);
  const server = await startServeProcess({ dataDir, home: mkdirp(path.join(dir, 'home')) });
  try {
    const ws = await connectWs(server.url, server.token, () => undefined);
    try {
      const page = await ws.request('tasks.list', { limit: 200 });
      if (page.total !== TASKS) throw new Error(`expected ${TASKS} tasks, listed ${page.total}`);
      await ws.request('queue.state', {});
      await sleep(2000); // settle: start-up work and GC are not idle cost
      const pid = server.child.pid;
      const before = cpuTicks(pid);
      await sleep(WINDOW_S * 1000);
      const ticks = cpuTicks(pid) - before;
      const rss = rssBytes(pid);
      const cpuPercent = ((ticks / clockTicks()) * 100) / WINDOW_S;
      log(
        `cpu ${ticks} ticks over ${WINDOW_S} s (${cpuPercent.toFixed(2)} %), rss ${(rss / 2 ** 20).toFixed(0)} MB`,
      );
      return [
        {
          id: '7',
          name: `idle serve, ${TASKS / 1000}k tasks, 1 client: CPU over ${WINDOW_S} s`,
          unit: '%',
          value: cpuPercent,
          baseline: null,
          ratio: null,
          target: '≈ 0 % (≤ 1 %)',
          met: cpuPercent <= 1,
          details: { ticks, clockTicksPerSecond: clockTicks() },
        },
        {
          id: '7m',
          name: `idle serve, ${TASKS / 1000}k tasks: RSS`,
          unit: 'MB',
          value: rss / 2 ** 20,
          baseline: null,
          ratio: null,
          target: '≤ 150 MB',
          met: rss / 2 ** 20 <= 150,
        },
      ];
    } finally {
      ws.close();
    }
  } finally {
    await server.stop();
  }
}

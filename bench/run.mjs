// `npm run bench`: the performance figures of issue 5, each beside its
// baseline measured in the same run. Prints one table and writes
// bench/results.json. See bench/README.md.
//
//   node --expose-gc bench/run.mjs [figure ...]   (default: all)
//   BENCH_QUICK=1   fewer repetitions (a smoke run; results.json is not written)
//   BENCH_KEEP_CACHE=1   keep the generated 300 MB repository for the next run
/* global performance */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_DIR, rmrf, tempRoot } from './lib.mjs';

const FIGURES = [
  { key: 'ingest', title: 'stream ingest', timeoutS: 180 },
  { key: 'latency', title: 'live latency', timeoutS: 150 },
  { key: 'transcript', title: 'transcript view', timeoutS: 300 },
  { key: 'sandbox', title: 'sandbox setup', timeoutS: 300 },
  { key: 'store', title: 'store', timeoutS: 180 },
  { key: 'queue', title: 'queue overhead', timeoutS: 240 },
  { key: 'idle', title: 'idle cost', timeoutS: 90 },
];

const quick = process.env.BENCH_QUICK === '1';
const wanted = process.argv.slice(2);
const cacheDir = path.join(os.tmpdir(), 'claudomator-bench-cache');
const workRoot = tempRoot('claudomator-bench-');
let current = null;
let cleaned = false;

function cleanup() {
  if (cleaned) return;
  cleaned = true;
  if (current?.pid) {
    try {
      process.kill(-current.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmrf(workRoot);
  if (process.env.BENCH_KEEP_CACHE !== '1') rmrf(cacheDir);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the benchmark and cleaning up`);
    cleanup();
    process.exit(130);
  });
}

/** Runs one figure in its own process group; resolves with its rows (or an error row). */
function runFigure(fig) {
  const dir = path.join(workRoot, fig.key);
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--expose-gc', path.join(BENCH_DIR, 'figure.mjs'), fig.key, dir, cacheDir],
      { stdio: ['ignore', 'inherit', 'inherit'], detached: true, env: process.env },
    );
    current = child;
    const timer = setTimeout(() => {
      console.error(`  [${fig.key}] timed out after ${fig.timeoutS} s`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, fig.timeoutS * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      current = null;
      // The figure's own process group (serve children, shells) goes with it.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // nothing left
      }
      const seconds = (performance.now() - started) / 1000;
      const file = path.join(dir, 'result.json');
      if (code === 0 && fs.existsSync(file)) {
        const rows = JSON.parse(fs.readFileSync(file, 'utf8'));
        resolve(rows.map((r) => ({ ...r, seconds })));
      } else {
        resolve([
          {
            id: fig.key,
            name: fig.title,
            value: null,
            met: false,
            error: `figure failed (${signal ?? `exit ${code}`})`,
            seconds,
          },
        ]);
      }
      rmrf(dir);
    });
  });
}

// ---------------------------------------------------------------------------
// Output

function num(v, unit) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}

function valueCell(r) {
  if (r.error) return `ERROR: ${r.error}`;
  if (r.valueText) return r.valueText;
  if (r.value && typeof r.value === 'object') {
    return `p95 ${num(r.value.p95)} / p99 ${num(r.value.p99)} ${r.unit}`;
  }
  return r.value === null ? '–' : num(r.value, r.unit);
}

function printTable(rows) {
  const head = ['#', 'figure', 'value', 'baseline', 'ratio', 'target', 'met'];
  const body = rows.map((r) => [
    r.id,
    r.name,
    valueCell(r),
    r.baseline === null || r.baseline === undefined
      ? '–'
      : `${num(r.baseline, r.unit)}${r.baselineLabel ? ` (${r.baselineLabel})` : ''}`,
    r.ratio === null || r.ratio === undefined ? '–' : `${r.ratio.toFixed(2)}×`,
    r.target ?? '',
    r.met === null ? (r.note ? 'n/a' : '–') : r.met ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, i) =>
    Math.max(h.length, ...body.map((row) => String(row[i]).length)),
  );
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of body) console.log(line(row));
  for (const r of rows) if (r.note) console.log(`  ${r.id}: ${r.note}`);
}

async function main() {
  const started = performance.now();
  const figures = FIGURES.filter((f) => wanted.length === 0 || wanted.includes(f.key));
  const unknown = wanted.filter((w) => !FIGURES.some((f) => f.key === w));
  if (unknown.length) throw new Error(`unknown figure(s) ${unknown.join(', ')}`);
  const rows = [];
  for (const fig of figures) {
    console.error(`▶ ${fig.key}`);
    const figRows = await runFigure(fig);
    rows.push(...figRows);
    console.error(`  ${fig.key} done in ${figRows[0].seconds.toFixed(0)} s`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log('');
  printTable(rows);
  console.log(
    `\n${rows.filter((r) => r.met === true).length} met, ${rows.filter((r) => r.met === false).length} not met; ${seconds.toFixed(0)} s`,
  );

  const complete = wanted.length === 0 && !quick;
  const result = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().map((c) => ({ model: c.model, speed: c.speed })),
      totalMemoryBytes: os.totalmem(),
      node: process.version,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      loadAverageAtEnd: os.loadavg(),
    },
    quick,
    figuresRun: figures.map((f) => f.key),
    durationSeconds: seconds,
    figures: rows,
  };
  const out = path.join(BENCH_DIR, complete ? 'results.json' : 'results.partial.json');
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${path.relative(process.cwd(), out)}`);
}

main()
  .catch((err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  })
  .finally(cleanup);

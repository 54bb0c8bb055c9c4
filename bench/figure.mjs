// Runs one figure in a process of its own (so figures do not share a heap, and
// a stuck one can be killed with its whole process group):
//   node --expose-gc bench/figure.mjs <figure> <work dir> <cache dir>
// Writes the figure's rows as JSON to <work dir>/result.json.
import fs from 'node:fs';
import path from 'node:path';
import { killChildren } from './lib.mjs';

const [name, dir, cacheDir] = process.argv.slice(2);
const quick = process.env.BENCH_QUICK === '1';

async function main() {
  const { default: figure } = await import(`./figures/${name}.mjs`);
  fs.mkdirSync(dir, { recursive: true });
  const rows = await figure({
    dir,
    cacheDir,
    quick,
    /** Repetitions: `n` normally, fewer with BENCH_QUICK=1. */
    reps: (n) => (quick ? Math.max(1, Math.ceil(n / 3)) : n),
    log: (msg) => console.error(`  [${name}] ${msg}`),
  });
  fs.writeFileSync(path.join(dir, 'result.json'), JSON.stringify(rows, null, 2));
}

const onSignal = () => {
  killChildren();
  process.exit(130);
};
process.once('SIGTERM', onSignal);
process.once('SIGINT', onSignal);

main()
  .then(() => {
    killChildren();
    // Engines, sockets and timers are closed by the figures; do not wait on stragglers.
    process.exit(0);
  })
  .catch((err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    killChildren();
    process.exit(1);
  });
